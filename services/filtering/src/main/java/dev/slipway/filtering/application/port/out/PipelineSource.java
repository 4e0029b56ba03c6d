package dev.slipway.filtering.application.port.out;

import dev.slipway.pipeline.PipelineFile;
import java.util.List;

/** Reads a repository's pipeline files at one commit, from wherever the repository is kept. */
public interface PipelineSource {

    /** The pipeline files at {@code commitSha}, chosen as {@code PipelineFiles.choose} chooses them. */
    Fetched read(String repositoryId, String cloneUrl, String commitSha);

    /**
     * The commit that {@code tag} points to in the repository, fetching when the mirror does not
     * have the tag yet; empty when the repository has no such tag or cannot be read.
     */
    java.util.Optional<String> tagCommit(String repositoryId, String cloneUrl, String tag);

    /** What reading a commit found. */
    sealed interface Fetched {
    }

    /** The commit's pipeline files, in reading order. */
    record Files(List<PipelineFile> files) implements Fetched {
        public Files {
            files = List.copyOf(files);
        }
    }

    /** The commit has no pipeline file. */
    record NoPipelineFile() implements Fetched {
    }

    /** The commit could not be read; {@code reason} says why, in words (the git error). */
    record Unreadable(String reason) implements Fetched {
    }
}
