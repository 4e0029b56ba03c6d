package dev.slipway.testkit.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalGitRepositoryTest {

    @TempDir
    Path temp;

    @Test
    void recordsSeveralCommitsWithTheirMessagesAndAuthors() throws Exception {
        // Verifies that each commit returns its SHA-1 and lands on the branch with its message and author.
        try (LocalGitRepository repository = LocalGitRepository.create()) {
            String first = repository.writeFile("README.md", "one\n").commit("First");
            String second = repository.writeFile("README.md", "two\n").commit("Second [skip ci]", "Ada", "ada@example.com");

            assertThat(first).matches("[0-9a-f]{40}").isNotEqualTo(second);
            assertThat(repository.head()).isEqualTo(second);
            assertThat(repository.branch()).isEqualTo("main");
            List<RevCommit> log = new ArrayList<>();
            repository.git().log().call().forEach(log::add);
            assertThat(log).extracting(RevCommit::getName).containsExactly(second, first);
            assertThat(log.getFirst().getFullMessage()).isEqualTo("Second [skip ci]");
            assertThat(log.getFirst().getAuthorIdent().getEmailAddress()).isEqualTo("ada@example.com");
            assertThat(log.getLast().getAuthorIdent().getName()).isEqualTo("Slipway Test");
        }
    }

    @Test
    void clonesFromItsFileUrl() throws Exception {
        // Verifies that the clone URL gives a clone with the committed files and the same head.
        try (LocalGitRepository repository = LocalGitRepository.create("trunk")) {
            String head = repository.writeFile("src/app.txt", "built\n").commit("Add app");

            assertThat(repository.cloneUrl()).startsWith("file:///");
            try (Git clone = Git.cloneRepository().setURI(repository.cloneUrl()).setDirectory(temp.resolve("clone").toFile())
                    .call()) {
                assertThat(clone.getRepository().getBranch()).isEqualTo("trunk");
                assertThat(clone.getRepository().resolve("HEAD").getName()).isEqualTo(head);
            }
            assertThat(temp.resolve("clone/src/app.txt")).hasContent("built");
        }
    }

    @Test
    void tagsTheHeadWithLightweightAndAnnotatedTags() throws Exception {
        // Verifies that both kinds of tag name the head commit, and that an annotated tag is an object of its own.
        try (LocalGitRepository repository = LocalGitRepository.create()) {
            String head = repository.writeFile("a", "a").commit("A");

            assertThat(repository.tag("v1.0.0")).isEqualTo(head);
            String tagObject = repository.annotatedTag("v1.0.1", "Release 1.0.1");

            Repository git = repository.git().getRepository();
            assertThat(git.resolve("refs/tags/v1.0.0")).isEqualTo(ObjectId.fromString(head));
            assertThat(tagObject).isNotEqualTo(head);
            assertThat(git.resolve("refs/tags/v1.0.1")).isEqualTo(ObjectId.fromString(tagObject));
            assertThat(git.resolve("v1.0.1^{commit}")).isEqualTo(ObjectId.fromString(head));
        }
    }

    @Test
    void reportsWhatTheHeadCommitAddedChangedAndRemoved() {
        // Verifies the file lists of a commit relative to its parent, as a push webhook reports them.
        try (LocalGitRepository repository = LocalGitRepository.create()) {
            String parent = repository.writeFile("keep.txt", "1").writeFile("drop.txt", "x").commit("Base");
            repository.writeFile("keep.txt", "2").writeFile("new/file.txt", "n").deleteFile("drop.txt").commit("Change");

            GitCommit head = repository.headCommit();
            assertThat(head.parentId()).isEqualTo(parent);
            assertThat(head.added()).containsExactly("new/file.txt");
            assertThat(head.modified()).containsExactly("keep.txt");
            assertThat(head.removed()).containsExactly("drop.txt");
            assertThat(repository.commitAt("HEAD~1").parentId()).isNull();
            assertThat(repository.commitAt("HEAD~1").added()).containsExactlyInAnyOrder("keep.txt", "drop.txt");
        }
    }

    @Test
    void switchesToANewBranchAtHead() {
        // Verifies that a new branch starts at the current head and takes later commits.
        try (LocalGitRepository repository = LocalGitRepository.create()) {
            String base = repository.writeFile("a", "a").commit("A");
            repository.checkoutNewBranch("feature/x");
            String onFeature = repository.writeFile("b", "b").commit("B");

            assertThat(repository.branch()).isEqualTo("feature/x");
            assertThat(repository.commitAt("main").id()).isEqualTo(base);
            assertThat(repository.headCommit().parentId()).isEqualTo(base);
            assertThat(repository.head()).isEqualTo(onFeature);
        }
    }

    @Test
    void deletesItsDirectoryOnClose() {
        // Verifies that closing the repository leaves nothing behind.
        Path directory;
        try (LocalGitRepository repository = LocalGitRepository.create()) {
            directory = repository.directory();
            repository.writeFile("a", "a").commit("A");
            assertThat(Files.isDirectory(directory.resolve(".git"))).isTrue();
        }
        assertThat(directory).doesNotExist();
    }

    @Test
    void refusesToWriteOutsideItsWorkTree() {
        // Verifies that a path escaping the work tree, or into .git, is refused.
        try (LocalGitRepository repository = LocalGitRepository.create()) {
            assertThatThrownBy(() -> repository.writeFile("../escape.txt", "x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> repository.writeFile(".git/config", "x")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
