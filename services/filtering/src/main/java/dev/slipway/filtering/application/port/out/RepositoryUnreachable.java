package dev.slipway.filtering.application.port.out;

/**
 * The repository could not be reached: the git host did not answer, the transport failed, or
 * reading the mirror failed. Unlike a commit that the repository answered it does not have, this
 * may pass, so the event is tried again later rather than decided.
 */
public final class RepositoryUnreachable extends RuntimeException {

    private final String cloneUrl;
    private final String gitMessage;

    public RepositoryUnreachable(String cloneUrl, String gitMessage, Throwable cause) {
        super("repository " + cloneUrl + " could not be reached: " + gitMessage, cause);
        this.cloneUrl = cloneUrl;
        this.gitMessage = gitMessage;
    }

    public String cloneUrl() {
        return cloneUrl;
    }

    /** What git said, in words. */
    public String gitMessage() {
        return gitMessage;
    }
}
