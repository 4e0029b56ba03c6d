package dev.slipway.execution.adapter.out.git;

import dev.slipway.execution.application.port.out.CheckoutFailedException;
import dev.slipway.execution.application.port.out.OutputListener;
import dev.slipway.execution.application.port.out.SourceCheckout;
import dev.slipway.execution.application.port.out.Workspace;
import dev.slipway.execution.application.port.out.WorkspaceCleanupException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.util.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Clones with JGit into a fresh directory under the workspace root (the system's temp directory
 * unless {@code slipway.execution.workspace-root} says otherwise) and puts the build's commit in
 * the work tree, whatever the branch points to by now. No git binary is needed, and
 * {@code file://} URLs work like any other.
 *
 * <p>A workspace's directory is named {@value #PREFIX} + the build id + a random suffix, so that
 * the workspaces an executor killed mid-build left behind can be told apart by their build, like
 * its containers by their label, and removed when no executor holds the build any more.
 */
@Component
class JGitSourceCheckout implements SourceCheckout {

    private static final Logger log = LoggerFactory.getLogger(JGitSourceCheckout.class);

    /** How every workspace directory's name starts; the build id follows. */
    static final String PREFIX = "slipway-workspace-";
    private static final int UUID_LENGTH = 36;

    private final Path root;

    JGitSourceCheckout(@Value("${slipway.execution.workspace-root:${java.io.tmpdir}}") Path root) {
        this.root = root;
    }

    @Override
    public Workspace checkout(UUID buildId, String cloneUrl, String commitSha, OutputListener output) {
        Path directory;
        try {
            Files.createDirectories(root);
            directory = Files.createTempDirectory(root, PREFIX + buildId + "-");
        } catch (IOException e) {
            throw new CheckoutFailedException("could not create a workspace under " + root + ": " + e.getMessage(), e);
        }
        String shownUrl = withoutUserInfo(cloneUrl);
        try {
            output.onLine("Cloning " + shownUrl);
            try (Git git = Git.cloneRepository()
                    .setURI(cloneUrl)
                    .setDirectory(directory.toFile())
                    .setNoCheckout(true)
                    .call()) {
                ObjectId commit = resolve(git, commitSha, shownUrl);
                // A hard reset writes the work tree from nothing; a checkout would take the empty work tree of
                // a clone without checkout for local deletions and refuse.
                git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit.name()).call();
                output.onLine("Checked out " + commit.name());
                return new TemporaryWorkspace(directory, commit.name());
            }
        } catch (GitAPIException | IOException | RuntimeException e) {
            delete(directory);
            if (e instanceof CheckoutFailedException failed) {
                throw failed;
            }
            throw new CheckoutFailedException("could not clone " + shownUrl + " at " + commitSha + ": " + describe(e), e);
        }
    }

    @Override
    public Set<UUID> buildsWithWorkspaces() {
        return workspacesByBuild().keySet();
    }

    @Override
    public void removeWorkspaces(UUID buildId) {
        for (Path directory : workspacesByBuild().getOrDefault(buildId, List.of())) {
            try {
                deleteTree(directory);
            } catch (IOException e) {
                throw new WorkspaceCleanupException("could not delete workspace " + directory + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The workspace directories under the root, by build. Directories named otherwise, such as
     * those of Slipway versions that did not name the build, are left out: nothing says whose
     * they are.
     */
    private Map<UUID, List<Path>> workspacesByBuild() {
        if (!Files.isDirectory(root)) {
            return Map.of();
        }
        Map<UUID, List<Path>> byBuild = new HashMap<>();
        try (DirectoryStream<Path> directories = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path directory : directories) {
                String name = directory.getFileName().toString();
                if (name.length() <= PREFIX.length() + UUID_LENGTH + 1
                        || name.charAt(PREFIX.length() + UUID_LENGTH) != '-'
                        || !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try {
                    UUID build = UUID.fromString(name.substring(PREFIX.length(), PREFIX.length() + UUID_LENGTH));
                    byBuild.computeIfAbsent(build, b -> new ArrayList<>()).add(directory);
                } catch (IllegalArgumentException notABuildId) {
                    // Not a workspace of this version's naming.
                }
            }
        } catch (IOException e) {
            throw new WorkspaceCleanupException("could not list the workspaces under " + root + ": " + e.getMessage(), e);
        }
        return byBuild;
    }

    private static ObjectId resolve(Git git, String commitSha, String shownUrl) throws IOException {
        ObjectId commit;
        try {
            commit = git.getRepository().resolve(commitSha + "^{commit}");
        } catch (MissingObjectException | RuntimeException e) {
            commit = null;
        }
        if (commit == null) {
            throw new CheckoutFailedException(shownUrl + " has no commit " + commitSha
                    + " on any of its branches or tags; was it force-pushed away?", null);
        }
        return commit;
    }

    private static String describe(Exception e) {
        Throwable root = e;
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root.getMessage() != null && !message.toString().contains(root.getMessage())) {
                message.append(": ").append(root.getMessage());
            }
        }
        return message.toString();
    }

    /** The URL as it may appear in a build's log: without a user or token in it. */
    static String withoutUserInfo(String cloneUrl) {
        try {
            URI uri = new URI(cloneUrl);
            if (uri.getUserInfo() == null) {
                return cloneUrl;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
                    uri.getFragment()).toString();
        } catch (URISyntaxException e) {
            return cloneUrl.replaceAll("//[^/@]*@", "//");
        }
    }

    private static void delete(Path directory) {
        try {
            deleteTree(directory);
        } catch (IOException e) {
            log.warn("could not delete workspace {}: {}", directory, e.getMessage());
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        FileUtils.delete(directory.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
    }

    /** A workspace in a temporary directory, deleted on close. */
    private record TemporaryWorkspace(Path directory, String commitSha) implements Workspace {

        @Override
        public void close() {
            delete(directory);
        }
    }
}
