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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JGitSourceCheckoutTest {

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

        try (Workspace workspace = checkout.checkout(repository.cloneUrl(), first, output::add)) {
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

        Workspace workspace = checkout.checkout(repository.cloneUrl(), commit, output::add);
        Path directory = workspace.directory();
        assertThat(directory.resolve(".git")).isDirectory();
        workspace.close();

        assertThat(directory).doesNotExist();
    }

    @Test
    void failsWithTheReasonWhenTheCommitDoesNotExist() {
        // Verifies that a commit the repository lacks is a checkout failure that names the commit, and leaves no directory.
        repository.writeFile("Dockerfile", "FROM busybox:latest\n");
        repository.commit("only");
        String missing = "0123456789abcdef0123456789abcdef01234567";
        JGitSourceCheckout checkout = new JGitSourceCheckout(workspaces);

        assertThatThrownBy(() -> checkout.checkout(repository.cloneUrl(), missing, output::add))
                .isInstanceOf(CheckoutFailedException.class)
                .hasMessageContaining("has no commit " + missing);
        assertThat(workspaces).isEmptyDirectory();
    }

    @Test
    void failsWithTheReasonWhenTheRepositoryCannotBeCloned() {
        // Verifies that an unreachable repository is a checkout failure that names the URL, and leaves no directory.
        String nowhere = workspaces.resolve("no-such-repository").toUri().toString();
        JGitSourceCheckout checkout = new JGitSourceCheckout(workspaces.resolve("work"));

        assertThatThrownBy(() -> checkout.checkout(nowhere, "0123456789abcdef0123456789abcdef01234567", output::add))
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
