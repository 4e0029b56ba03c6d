package dev.slipway.execution.adapter.out.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.execution.application.port.out.CheckoutFailedException;
import dev.slipway.execution.application.port.out.Workspace;
import dev.slipway.testkit.git.LocalGitRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JGitSourceCheckoutTest {

    private static final UUID BUILD = UUID.fromString("4f1c0a52-6d0e-4c57-9a57-0b8f3f6c2d11");

    @TempDir
    Path workspaces;

    private final LocalGitRepository repository = LocalGitRepository.create();
    private final List<String> output = new ArrayList<>();

    @AfterEach
    void closeRepository() {
        repository.close();
    }

    @Test
    void checksOutTheBuildsCommitNotTheBranchHead() throws Exception {
        // Verifies that a file:// repository is cloned at exactly the commit asked for, even when the branch moved on.
        repository.writeFile("Dockerfile", "FROM busybox:latest\n");
        String first = repository.commit("first");
        repository.writeFile("Dockerfile", "FROM busybox:latest AS later\n");
        repository.commit("second");
        JGitSourceCheckout checkout = new JGitSourceCheckout(workspaces);

        try (Workspace workspace = checkout.checkout(BUILD, repository.cloneUrl(), first, output::add)) {
            assertThat(workspace.commitSha()).isEqualTo(first);
            assertThat(workspace.directory()).startsWith(workspaces);
            assertThat(Files.readString(workspace.directory().resolve("Dockerfile"))).isEqualTo("FROM busybox:latest\n");
        }
        assertThat(output).containsExactly("Cloning " + repository.cloneUrl(), "Checked out " + first);
    }

    @Test
    void deletesTheWorkspaceWhenClosed() {
        // Verifies that a closed workspace leaves nothing behind, git objects included.
        repository.writeFile("Dockerfile", "FROM busybox:latest\n");
        String commit = repository.commit("only");
        JGitSourceCheckout checkout = new JGitSourceCheckout(workspaces);

        Workspace workspace = checkout.checkout(BUILD, repository.cloneUrl(), commit, output::add);
        Path directory = workspace.directory();
        assertThat(directory.resolve(".git")).isDirectory();
        workspace.close();

        assertThat(directory).doesNotExist();
    }

    @Test
    void workspacesLeftBehindAreFoundByTheirBuildAndRemoved() throws Exception {
        // Verifies what an executor that starts relies on: workspaces that were never closed (their executor was
        // killed) are listed by build id and removed by it; another build's workspace and directories that are not
        // workspaces of this naming stay.
        repository.writeFile("Dockerfile", "FROM busybox:latest\n");
        String commit = repository.commit("only");
        JGitSourceCheckout checkout = new JGitSourceCheckout(workspaces);
        UUID other = UUID.fromString("0d6a5e7b-2a43-4a8e-8f3e-5d7c9b1a2e34");
        Workspace left = checkout.checkout(BUILD, repository.cloneUrl(), commit, output::add);
        Workspace leftToo = checkout.checkout(BUILD, repository.cloneUrl(), commit, output::add);
        Workspace running = checkout.checkout(other, repository.cloneUrl(), commit, output::add);
        Path older = Files.createDirectory(workspaces.resolve("slipway-workspace-1234567890"));
        Path unrelated = Files.createDirectory(workspaces.resolve("unrelated"));

        assertThat(left.directory().getFileName().toString()).startsWith("slipway-workspace-" + BUILD + "-");
        assertThat(checkout.buildsWithWorkspaces()).containsExactlyInAnyOrder(BUILD, other);

        checkout.removeWorkspaces(BUILD);

        assertThat(left.directory()).doesNotExist();
        assertThat(leftToo.directory()).doesNotExist();
        assertThat(running.directory().resolve(".git")).isDirectory();
        assertThat(older).isDirectory();
        assertThat(unrelated).isDirectory();
        assertThat(checkout.buildsWithWorkspaces()).containsExactly(other);
        running.close();
        assertThat(checkout.buildsWithWorkspaces()).isEmpty();
    }

    @Test
    void aRootThatDoesNotExistYetHasNoWorkspaces() {
        assertThat(new JGitSourceCheckout(workspaces.resolve("not-yet")).buildsWithWorkspaces()).isEmpty();
    }

    @Test
    void failsWithTheReasonWhenTheCommitDoesNotExist() {
        // Verifies that a commit the repository lacks is a checkout failure that names the commit, and leaves no directory.
        repository.writeFile("Dockerfile", "FROM busybox:latest\n");
        repository.commit("only");
        String missing = "0123456789abcdef0123456789abcdef01234567";
        JGitSourceCheckout checkout = new JGitSourceCheckout(workspaces);

        assertThatThrownBy(() -> checkout.checkout(BUILD, repository.cloneUrl(), missing, output::add))
                .isInstanceOf(CheckoutFailedException.class)
                .hasMessageContaining("has no commit " + missing);
        assertThat(workspaces).isEmptyDirectory();
    }

    @Test
    void failsWithTheReasonWhenTheRepositoryCannotBeCloned() {
        // Verifies that an unreachable repository is a checkout failure that names the URL, and leaves no directory.
        String nowhere = workspaces.resolve("no-such-repository").toUri().toString();
        JGitSourceCheckout checkout = new JGitSourceCheckout(workspaces.resolve("work"));

        assertThatThrownBy(() -> checkout.checkout(BUILD, nowhere, "0123456789abcdef0123456789abcdef01234567", output::add))
                .isInstanceOf(CheckoutFailedException.class)
                .hasMessageStartingWith("could not clone " + nowhere);
        assertThat(workspaces.resolve("work")).isEmptyDirectory();
    }

    @Test
    void keepsCredentialsInTheUrlOutOfTheLog() {
        // Verifies that a token in a clone URL never reaches the build's log.
        assertThat(JGitSourceCheckout.withoutUserInfo("https://x-access-token:secret@github.com/acme/app.git"))
                .isEqualTo("https://github.com/acme/app.git");
        assertThat(JGitSourceCheckout.withoutUserInfo("file:///tmp/repo")).isEqualTo("file:///tmp/repo");
    }
}
