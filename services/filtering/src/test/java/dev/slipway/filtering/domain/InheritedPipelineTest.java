package dev.slipway.filtering.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.model.scm.ChangedPaths;
import dev.slipway.model.scm.Commit;
import dev.slipway.model.scm.PushReceived;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InheritedPipelineTest {

    private static final String BEFORE = "b".repeat(40);
    private static final String AFTER = "a".repeat(40);

    @Test
    void aFastForwardThatTouchesNoPipelineFileKeepsThePipelineOfItsBeforeCommit() {
        // GitHub said forced: false, every commit is listed ending at after, and only src/ changed.
        assertThat(InheritedPipeline.source(push("refs/heads/main", false, List.of(commit("c".repeat(40)), commit(AFTER)),
                paths("src/Main.java")))).contains(BEFORE);
    }

    @Test
    void aPushThatAddsChangesOrRemovesAnyPipelineFileIsRead() {
        // Each spelling of each pipeline file, in each of the three lists, sends filtering to the commit itself.
        for (String file : List.of(".slipway.yml", "codeship-services.yml", "codeship-steps.json", "codeship-steps.yaml")) {
            List<Commit> commits = List.of(commit(AFTER));
            assertThat(InheritedPipeline.source(push("refs/heads/main", false, commits,
                    new ChangedPaths(List.of(file), List.of(), List.of())))).as("added " + file).isEmpty();
            assertThat(InheritedPipeline.source(push("refs/heads/main", false, commits,
                    new ChangedPaths(List.of(), List.of(file), List.of())))).as("modified " + file).isEmpty();
            assertThat(InheritedPipeline.source(push("refs/heads/main", false, commits,
                    new ChangedPaths(List.of(), List.of(), List.of(file))))).as("removed " + file).isEmpty();
        }
        // A file of that name in a sub-directory is not a pipeline file.
        assertThat(InheritedPipeline.source(push("refs/heads/main", false, List.of(commit(AFTER)),
                paths("docs/.slipway.yml")))).contains(BEFORE);
    }

    @Test
    void aPushThatMayHaveRewrittenHistoryIsRead() {
        // Forced, or from a host that does not say (Gitea, GitLab), a push's commits need not descend from before.
        assertThat(InheritedPipeline.source(push("refs/heads/main", true, List.of(commit(AFTER)), paths("a")))).isEmpty();
        assertThat(InheritedPipeline.source(push("refs/heads/main", null, List.of(commit(AFTER)), paths("a")))).isEmpty();
    }

    @Test
    void aPushWhoseCommitsMayNotAllBeListedIsRead() {
        // No commits, a list that does not end at after, and a list at GitHub's limit.
        assertThat(InheritedPipeline.source(push("refs/heads/main", false, List.of(), ChangedPaths.NONE))).isEmpty();
        assertThat(InheritedPipeline.source(push("refs/heads/main", false, List.of(commit("c".repeat(40))),
                paths("a")))).isEmpty();
        List<Commit> many = new ArrayList<>();
        for (int i = 1; i < InheritedPipeline.LISTED_COMMITS_LIMIT; i++) {
            many.add(commit("%040x".formatted(i)));
        }
        many.add(commit(AFTER));
        assertThat(InheritedPipeline.source(push("refs/heads/main", false, many, paths("a")))).isEmpty();
        assertThat(InheritedPipeline.source(push("refs/heads/main", false, many.subList(1, many.size()), paths("a"))))
                .contains(BEFORE);
    }

    @Test
    void tagsAndNewOrDeletedBranchesAreRead() {
        List<Commit> commits = List.of(commit(AFTER));
        assertThat(InheritedPipeline.source(push("refs/tags/v1.0.0", false, commits, paths("a")))).isEmpty();
        assertThat(InheritedPipeline.source(new PushReceived("d", "github", "github:acme/app", "acme/app",
                "file:///tmp/app.git", "refs/heads/new", "0".repeat(40), AFTER, commit(AFTER), commits, "ada", true,
                false, paths("a"), false))).isEmpty();
        assertThat(InheritedPipeline.source(new PushReceived("d", "github", "github:acme/app", "acme/app",
                "file:///tmp/app.git", "refs/heads/old", BEFORE, "0".repeat(40), null, List.of(), "ada", false,
                true, ChangedPaths.NONE, false))).isEmpty();
    }

    private static PushReceived push(String ref, Boolean forced, List<Commit> commits, ChangedPaths paths) {
        return new PushReceived("d", "github", "github:acme/app", "acme/app", "file:///tmp/app.git", ref, BEFORE, AFTER,
                commits.isEmpty() ? null : commits.getLast(), commits, "ada", false, false, paths, forced);
    }

    private static Commit commit(String id) {
        return new Commit(id, "Change " + id.substring(0, 7), "Ada");
    }

    private static ChangedPaths paths(String modified) {
        return new ChangedPaths(List.of(), List.of(modified), List.of());
    }
}
