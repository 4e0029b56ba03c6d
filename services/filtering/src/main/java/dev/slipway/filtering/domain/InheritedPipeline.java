package dev.slipway.filtering.domain;

import dev.slipway.model.scm.Commit;
import dev.slipway.model.scm.PushReceived;
import dev.slipway.pipeline.PipelineFiles;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When a push's pipeline is, for certain, the one its {@code before} commit had, so that filtering
 * can decide from the pipeline it already read there instead of fetching the new commit first.
 *
 * <p>That holds when the host says the push only added commits on top of {@code before} (a
 * branch push that created and deleted nothing and that the host reports as not forced, which
 * GitHub does and Gitea and GitLab do not), lists every one of them (GitHub lists up to
 * {@value #LISTED_COMMITS_LIMIT}, ending with {@code after}), and none of them added, changed or
 * removed a file that a pipeline can be read from. In every other case the commit is read.
 */
public final class InheritedPipeline {

    /** The most commits GitHub lists in one push delivery; a push at the limit may list only some. */
    public static final int LISTED_COMMITS_LIMIT = 2048;

    private static final Set<String> PIPELINE_PATHS = pipelinePaths();

    private InheritedPipeline() {
    }

    /** The commit whose pipeline {@code push.after()} has too, or empty when that is not certain. */
    public static Optional<String> source(PushReceived push) {
        if (push.branch() == null || push.created() || push.deleted() || !Boolean.FALSE.equals(push.forced())) {
            return Optional.empty();
        }
        List<Commit> commits = push.commits();
        if (commits.isEmpty() || commits.size() >= LISTED_COMMITS_LIMIT
                || !commits.getLast().id().equals(push.after()) || push.before() == null) {
            return Optional.empty();
        }
        boolean touched = push.changedPaths().all().stream().anyMatch(PIPELINE_PATHS::contains);
        return touched ? Optional.empty() : Optional.of(push.before());
    }

    private static Set<String> pipelinePaths() {
        Set<String> paths = new HashSet<>();
        paths.add(PipelineFiles.NATIVE);
        paths.addAll(PipelineFiles.CODESHIP_SERVICES);
        paths.addAll(PipelineFiles.CODESHIP_STEPS);
        return Set.copyOf(paths);
    }
}
