package dev.slipway.execution.application.port.out;

import java.util.Set;
import java.util.UUID;

/**
 * Prepares a build's workspace: a private copy of the repository at the build's commit.
 * Implementations are thread-safe; every call gets a workspace of its own.
 */
public interface SourceCheckout {

    /**
     * Clones {@code cloneUrl} and checks out {@code commitSha} into a fresh directory that belongs
     * to {@code buildId}.
     *
     * @param output receives progress lines worth showing in the build's log
     * @return the workspace; the caller closes it, which deletes it
     * @throws CheckoutFailedException when the repository cannot be cloned or has no such commit;
     *                                 the message says which and why
     */
    Workspace checkout(UUID buildId, String cloneUrl, String commitSha, OutputListener output);

    /**
     * The builds that have workspaces now: those being built, and those that an executor which
     * stopped without closing them (killed mid-build) left behind.
     *
     * @throws WorkspaceCleanupException when the workspaces cannot be listed
     */
    Set<UUID> buildsWithWorkspaces();

    /**
     * Deletes every workspace of {@code buildId}.
     *
     * @throws WorkspaceCleanupException when one could not be deleted whole
     */
    void removeWorkspaces(UUID buildId);
}
