package dev.slipway.filtering.adapter.out.git;

import dev.slipway.filtering.application.port.out.PipelineSource;
import dev.slipway.pipeline.PipelineFile;
import dev.slipway.pipeline.PipelineFiles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads pipeline files from a bare mirror per repository under {@code slipway.filtering.mirrors}.
 * A mirror is cloned on first use and fetched only when a commit is not in it yet; one repository's
 * mirror is used by one thread at a time. Counts clones and fetches, and times each read.
 */
@Component
class JGitPipelineSource implements PipelineSource, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JGitPipelineSource.class);

    private final Path mirrors;
    private final Map<String, Repository> open = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Counter clones;
    private final Counter fetches;
    private final Timer reads;

    JGitPipelineSource(@Value("${slipway.filtering.mirrors}") Path mirrors, MeterRegistry registry) {
        this.mirrors = mirrors;
        this.clones = Counter.builder("slipway.filtering.mirror.clones")
                .description("Bare mirrors cloned: once per repository, again only if the mirror was lost")
                .register(registry);
        this.fetches = Counter.builder("slipway.filtering.mirror.fetches")
                .description("Fetches into a mirror that lacked the event's commit")
                .register(registry);
        this.reads = Timer.builder("slipway.filtering.pipeline.fetch")
                .description("Time to read a commit's pipeline files, cloning or fetching when needed")
                .register(registry);
    }

    @Override
    public Fetched read(String repositoryId, String cloneUrl, String commitSha) {
        return reads.record(() -> {
            synchronized (locks.computeIfAbsent(repositoryId, k -> new Object())) {
                return readLocked(repositoryId, cloneUrl, commitSha);
            }
        });
    }

    private Fetched readLocked(String repositoryId, String cloneUrl, String commitSha) {
        ObjectId commit;
        try {
            commit = ObjectId.fromString(commitSha);
        } catch (IllegalArgumentException e) {
            return new Unreadable("`" + commitSha + "` is not a commit id");
        }
        try {
            Repository repository = mirror(repositoryId, cloneUrl);
            if (!repository.getObjectDatabase().has(commit)) {
                try (Git git = new Git(repository)) {
                    git.fetch().setRemote("origin").call();
                }
                fetches.increment();
            }
            if (!repository.getObjectDatabase().has(commit)) {
                return new Unreadable("commit " + commitSha + " is not in " + cloneUrl);
            }
            return filesAt(repository, commit);
        } catch (GitAPIException | IOException | RuntimeException e) {
            log.warn("could not read {} at {} from {}: {}", repositoryId, commitSha, cloneUrl, e.toString());
            return new Unreadable(message(e));
        }
    }

    @Override
    public java.util.Optional<String> tagCommit(String repositoryId, String cloneUrl, String tag) {
        synchronized (locks.computeIfAbsent(repositoryId, k -> new Object())) {
            try {
                Repository repository = mirror(repositoryId, cloneUrl);
                org.eclipse.jgit.lib.Ref ref = repository.exactRef("refs/tags/" + tag);
                if (ref == null) {
                    try (Git git = new Git(repository)) {
                        git.fetch().setRemote("origin").call();
                    }
                    fetches.increment();
                    ref = repository.exactRef("refs/tags/" + tag);
                }
                if (ref == null) {
                    return java.util.Optional.empty();
                }
                ObjectId peeled = repository.getRefDatabase().peel(ref).getPeeledObjectId();
                return java.util.Optional.of((peeled != null ? peeled : ref.getObjectId()).name());
            } catch (GitAPIException | IOException | RuntimeException e) {
                log.warn("could not resolve tag {} of {} from {}: {}", tag, repositoryId, cloneUrl, e.toString());
                return java.util.Optional.empty();
            }
        }
    }

    private Fetched filesAt(Repository repository, ObjectId commitId) throws IOException {
        RevTree tree;
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(commitId);
            tree = commit.getTree();
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            return new Unreadable(commitId.name() + " is not a commit");
        }
        List<String> names = PipelineFiles.choose(name -> exists(repository, tree, name));
        if (names.isEmpty()) {
            return new NoPipelineFile();
        }
        List<PipelineFile> files = new ArrayList<>();
        for (String name : names) {
            try (TreeWalk walk = TreeWalk.forPath(repository, name, tree)) {
                byte[] bytes = repository.open(walk.getObjectId(0)).getBytes();
                files.add(new PipelineFile(name, new String(bytes, StandardCharsets.UTF_8)));
            }
        }
        return new PipelineSource.Files(files);
    }

    private static boolean exists(Repository repository, RevTree tree, String name) {
        try (TreeWalk walk = TreeWalk.forPath(repository, name, tree)) {
            return walk != null && !walk.isSubtree();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's mirror, opened, or cloned when there is none (or what is there is not a repository). */
    private Repository mirror(String repositoryId, String cloneUrl) throws IOException, GitAPIException {
        Repository cached = open.get(repositoryId);
        if (cached != null) {
            return cached;
        }
        Path directory = mirrors.resolve(directoryName(repositoryId));
        Repository repository;
        try {
            repository = Git.open(directory.toFile()).getRepository();
        } catch (RepositoryNotFoundException e) {
            deleteRecursively(directory);
            java.nio.file.Files.createDirectories(directory.getParent());
            log.info("cloning a mirror of {} from {} into {}", repositoryId, cloneUrl, directory);
            try (Git git = Git.cloneRepository().setURI(cloneUrl).setDirectory(directory.toFile()).setBare(true)
                    .setMirror(true).call()) {
                clones.increment();
            } catch (GitAPIException | RuntimeException failed) {
                deleteRecursively(directory);
                throw failed;
            }
            repository = Git.open(directory.toFile()).getRepository();
        }
        open.put(repositoryId, repository);
        return repository;
    }

    /** A readable, collision-free directory name: the id's safe characters and a hash of the id. */
    static String directoryName(String repositoryId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(repositoryId.getBytes(StandardCharsets.UTF_8));
            return repositoryId.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + HexFormat.of().formatHex(hash, 0, 6)
                    + ".git";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!java.nio.file.Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = java.nio.file.Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }

    private static String message(Throwable e) {
        StringBuilder text = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !text.toString().contains(c.getMessage())) {
                text.append(": ").append(c.getMessage());
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        open.values().forEach(Repository::close);
        open.clear();
    }
}
