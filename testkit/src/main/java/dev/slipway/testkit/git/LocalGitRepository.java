package dev.slipway.testkit.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;

/**
 * A git repository in a temporary directory, for tests that clone, build from or send webhooks
 * about a real repository without any network.
 *
 * <ul>
 *   <li>{@link #create()} makes an empty repository with a work tree, on branch {@code main}.
 *       Files written with {@link #writeFile} are staged at once; {@link #commit} records
 *       everything staged (an empty commit is allowed) and returns its SHA-1.
 *   <li>{@link #cloneUrl()} is a {@code file://} URL that both JGit and the {@code git} CLI
 *       clone from.
 *   <li>Commits are never signed, whatever the user's git configuration says.
 *   <li>{@link #close()} deletes the directory. Not thread-safe: one test, one repository.
 * </ul>
 */
public final class LocalGitRepository implements AutoCloseable {

    /** The author of commits made without one. */
    public static final PersonIdent DEFAULT_AUTHOR = new PersonIdent("Slipway Test", "test@slipway.dev");

    private final Path directory;
    private final Git git;

    private LocalGitRepository(Path directory, Git git) {
        this.directory = directory;
        this.git = git;
    }

    /** An empty repository on branch {@code main}. */
    public static LocalGitRepository create() {
        return create("main");
    }

    /** An empty repository whose first branch is {@code branch}. */
    public static LocalGitRepository create(String branch) {
        Objects.requireNonNull(branch, "branch");
        try {
            Path directory = Files.createTempDirectory("slipway-git-");
            Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch(branch).call();
            return new LocalGitRepository(directory.toRealPath(), git);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory for a git repository", e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("JGit could not initialise a repository", e);
        }
    }

    /** The work tree; the repository is its {@code .git}. */
    public Path directory() {
        return directory;
    }

    /** A URL to clone from: {@code file:///...}. */
    public String cloneUrl() {
        return directory.toUri().toString().replaceFirst("/$", "");
    }

    /** The branch that HEAD is on. */
    public String branch() {
        try {
            return repository().getBranch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code content} (UTF-8) to {@code path}, relative to the work tree, and stages it. */
    public LocalGitRepository writeFile(String path, String content) {
        Path file = resolve(path);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            git.add().addFilepattern(relative(file)).call();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("Could not stage " + path, e);
        }
        return this;
    }

    /** Removes {@code path} from the work tree and stages the removal. */
    public LocalGitRepository deleteFile(String path) {
        String relativePath = relative(resolve(path));
        try {
            git.rm().addFilepattern(relativePath).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException("Could not remove " + path, e);
        }
        return this;
    }

    /** Commits what is staged, as {@link #DEFAULT_AUTHOR}, and returns the commit's SHA-1. */
    public String commit(String message) {
        return commit(message, DEFAULT_AUTHOR.getName(), DEFAULT_AUTHOR.getEmailAddress());
    }

    /** Commits what is staged, authored and committed by the given person, and returns the commit's SHA-1. */
    public String commit(String message, String authorName, String authorEmail) {
        PersonIdent author = new PersonIdent(authorName, authorEmail);
        try {
            return git.commit()
                    .setMessage(message)
                    .setAuthor(author)
                    .setCommitter(author)
                    .setSign(false)
                    .setAllowEmpty(true)
                    .call()
                    .getName();
        } catch (GitAPIException e) {
            throw new IllegalStateException("Could not commit '" + message + "'", e);
        }
    }

    /** Creates the lightweight tag {@code name} on HEAD and returns the SHA-1 of the commit it names. */
    public String tag(String name) {
        try {
            git.tag().setName(name).setAnnotated(false).call();
            return head();
        } catch (GitAPIException e) {
            throw new IllegalStateException("Could not create tag " + name, e);
        }
    }

    /**
     * Creates the annotated tag {@code name} on HEAD, by {@link #DEFAULT_AUTHOR}, and returns the
     * SHA-1 of the tag object (what a push of the tag reports as {@code after}).
     */
    public String annotatedTag(String name, String message) {
        try {
            Ref ref = git.tag().setName(name).setMessage(message).setAnnotated(true).setSigned(false)
                    .setTagger(DEFAULT_AUTHOR).call();
            return ref.getObjectId().getName();
        } catch (GitAPIException e) {
            throw new IllegalStateException("Could not create tag " + name, e);
        }
    }

    /** Creates branch {@code name} at HEAD and switches to it. */
    public LocalGitRepository checkoutNewBranch(String name) {
        try {
            git.checkout().setCreateBranch(true).setName(name).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException("Could not create branch " + name, e);
        }
        return this;
    }

    /** The SHA-1 of the commit HEAD points to. */
    public String head() {
        return headCommit().id();
    }

    /** The commit HEAD points to, with the paths it changed relative to its first parent. */
    public GitCommit headCommit() {
        return commitAt(Constants.HEAD);
    }

    /** The commit that {@code revision} (a SHA-1, branch, tag or expression such as {@code HEAD~1}) names. */
    public GitCommit commitAt(String revision) {
        Repository repository = repository();
        try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader()) {
            ObjectId id = repository.resolve(revision);
            if (id == null) {
                throw new IllegalArgumentException("No commit named '" + revision + "' in " + directory);
            }
            RevCommit commit = walk.parseCommit(id);
            RevCommit parent = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0));
            List<String> added = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            List<String> modified = new ArrayList<>();
            for (DiffEntry change : git.diff().setOldTree(tree(reader, parent)).setNewTree(tree(reader, commit)).call()) {
                switch (change.getChangeType()) {
                    case ADD, COPY -> added.add(change.getNewPath());
                    case DELETE -> removed.add(change.getOldPath());
                    case MODIFY -> modified.add(change.getNewPath());
                    case RENAME -> {
                        removed.add(change.getOldPath());
                        added.add(change.getNewPath());
                    }
                }
            }
            PersonIdent author = commit.getAuthorIdent();
            return new GitCommit(commit.getName(), commit.getTree().getName(), parent == null ? null : parent.getName(), commit.getFullMessage(),
                    author.getName(), author.getEmailAddress(),
                    author.getWhenAsInstant().atOffset(author.getZoneOffset()),
                    added, removed, modified);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("Could not diff " + revision, e);
        }
    }

    /** The JGit handle, for what this class does not offer. Closed by {@link #close()}. */
    public Git git() {
        return git;
    }

    /** Closes the repository and deletes its directory. */
    @Override
    public void close() {
        git.close();
        try (Stream<Path> tree = Files.walk(directory)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + directory, e);
        }
    }

    @Override
    public String toString() {
        return "LocalGitRepository[" + cloneUrl() + " on " + branch() + "]";
    }

    private Repository repository() {
        return git.getRepository();
    }

    private static AbstractTreeIterator tree(ObjectReader reader, RevCommit commit) throws IOException {
        if (commit == null) {
            return new EmptyTreeIterator();
        }
        CanonicalTreeParser parser = new CanonicalTreeParser();
        parser.reset(reader, commit.getTree().getId());
        return parser;
    }

    private Path resolve(String path) {
        Path file = directory.resolve(path).normalize();
        if (!file.startsWith(directory) || file.equals(directory) || file.startsWith(directory.resolve(".git"))) {
            throw new IllegalArgumentException("'" + path + "' is not a file path inside the work tree");
        }
        return file;
    }

    private String relative(Path file) {
        return directory.relativize(file).toString().replace('\\', '/');
    }
}
