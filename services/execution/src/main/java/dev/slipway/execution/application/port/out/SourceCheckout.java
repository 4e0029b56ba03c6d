package dev.slipway.execution.application.port.out;

/**
 * Prepares a build's workspace: a private copy of the repository at the build's commit.
 * Implementations are thread-safe; every call gets a workspace of its own.
 */
public interface SourceCheckout {

    /**
     * Clones {@code cloneUrl} and checks out {@code commitSha} into a fresh directory.
     *
     * @param output receives progress lines worth showing in the build's log
     * @return the workspace; the caller closes it, which deletes it
     * @throws CheckoutFailedException when the repository cannot be cloned or has no such commit;
     *                                 the message says which and why
     */
    Workspace checkout(String cloneUrl, String commitSha, OutputListener output);
}
