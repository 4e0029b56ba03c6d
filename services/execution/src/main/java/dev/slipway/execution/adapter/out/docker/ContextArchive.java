package dev.slipway.execution.adapter.out.docker;

import dev.slipway.execution.application.port.out.BuildContext;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a directory as the tar stream of a build context or a workspace. Symbolic links stay
 * links (a link that points outside the context is the engine's business to refuse, as with the
 * docker CLI), file modes are kept, and the {@code .git} directory is left out: the engine does not
 * need the history, and it is often the largest part of a repository.
 *
 * <p>A build context ({@link #prepare}) is sent the way the docker CLI sends it: the files that the
 * context's {@code .dockerignore} names are left out (neither of the engine's builders applies it to
 * an uploaded context), while the Dockerfile always goes, for the engine to read.
 * <ul>
 *   <li>For BuildKit the labels go beside the build, where they cost nothing, and the
 *       {@code .dockerignore} goes only when it does not name itself: BuildKit never reads it from
 *       an uploaded context, so whatever is sent is what a {@code COPY .} sees.</li>
 *   <li>For the classic builder the {@code .dockerignore} always goes too, for the engine to drop
 *       the Dockerfile and itself from the context when it names them. The build's labels go into
 *       a copy of the Dockerfile ({@link LabelledDockerfile}) written into the archive as
 *       {@value #LABELLED_DOCKERFILE}, which the archive's {@code .dockerignore} names so that the
 *       engine drops it from the context once read: no {@code COPY} ever sees it. That builder
 *       commits an image for every label passed beside a build, and one for one {@code LABEL}
 *       line.</li>
 * </ul>
 */
final class ContextArchive {

    /** Top-level entries never sent to the engine. */
    static final Set<String> EXCLUDED = Set.of(".git");

    /** The name, at the context's root, of the Dockerfile copy that carries the labels. */
    static final String LABELLED_DOCKERFILE = ".slipway-build.Dockerfile";

    /** The entry of the context's own directory, which leads a context for BuildKit. */
    static final String ROOT_ENTRY = "./";

    private static final int FILE_TYPE = 0100000;
    private static final int DIRECTORY_TYPE = 040000;

    private ContextArchive() {
    }

    /**
     * A tar stream of {@code context}, for the engine to read once. A directory is written to a
     * temporary archive first (the engine reads faster than the walk writes), which is deleted when
     * the stream is closed.
     */
    static InputStream open(BuildContext context) throws IOException {
        return switch (context) {
            case BuildContext.Directory directory -> {
                Path archive = Files.createTempFile("slipway-context-", ".tar");
                try (OutputStream out = Files.newOutputStream(archive)) {
                    write(directory.root(), out);
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(archive);
                    throw e;
                }
                yield Files.newInputStream(archive, StandardOpenOption.DELETE_ON_CLOSE);
            }
            case BuildContext.Tar tar -> tar.source().open();
        };
    }

    /**
     * A build context to send, and what the build request must say with it.
     *
     * @param stream the tar stream, for the engine to read once; closing it deletes what it was written to
     * @param dockerfile the Dockerfile's path in the archive
     * @param target the stage to build, or null for the last one
     * @param labels the labels still to pass beside the build (none when the Dockerfile carries them)
     */
    record Prepared(InputStream stream, String dockerfile, String target, Map<String, String> labels)
            implements Closeable {

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    /**
     * The tar stream of a build context for {@code builder}; for the classic builder with
     * {@code labels} in a copy of its Dockerfile where that is safe, and beside the build otherwise.
     *
     * @param dockerfile the Dockerfile's path relative to the context, with {@code /} separators
     */
    static Prepared prepare(BuildContext context, String dockerfile, String target, Map<String, String> labels,
                            ImageBuilder builder) throws IOException {
        if (!(context instanceof BuildContext.Directory directory)) {
            return new Prepared(open(context), dockerfile, target, labels);
        }
        Path root = directory.root();
        Path ignoreFile = root.resolve(DockerIgnore.FILE_NAME);
        Optional<String> ignoreText = Files.isRegularFile(ignoreFile, LinkOption.NOFOLLOW_LINKS)
                ? Optional.of(Files.readString(ignoreFile, StandardCharsets.UTF_8)) : Optional.empty();
        DockerIgnore ignore = ignoreText.map(DockerIgnore::parse).orElse(DockerIgnore.none());
        Optional<LabelledDockerfile.Labelled> labelled = builder == ImageBuilder.BUILDKIT
                || Files.exists(root.resolve(LABELLED_DOCKERFILE), LinkOption.NOFOLLOW_LINKS) ? Optional.empty()
                : readText(root.resolve(dockerfile)).flatMap(text -> LabelledDockerfile.of(text, target, labels));
        Map<String, String> extra = new LinkedHashMap<>();
        labelled.ifPresent(copy -> {
            extra.put(LABELLED_DOCKERFILE, copy.text());
            // The engine removes from the context the Dockerfile it read, and the .dockerignore, when the
            // .dockerignore names them; with no .dockerignore of the repository's own, neither is copied.
            String names = ignoreText.map(text -> text.isEmpty() || text.endsWith("\n") ? text : text + "\n")
                    .orElse(DockerIgnore.FILE_NAME + "\n");
            extra.put(DockerIgnore.FILE_NAME, names + LABELLED_DOCKERFILE + "\n");
        });
        // Sent even when ignored, as the CLI does: the engine needs them, and the classic builder drops them from
        // the context itself. BuildKit does neither with the .dockerignore of an uploaded context.
        Set<String> kept = new HashSet<>();
        if (labelled.isEmpty()) {
            kept.add(dockerfile);
        }
        if (builder == ImageBuilder.CLASSIC) {
            kept.add(DockerIgnore.FILE_NAME);
        }
        Path archive = Files.createTempFile("slipway-context-", ".tar");
        try (OutputStream out = Files.newOutputStream(archive)) {
            write(root, out, ignore, kept, extra, builder == ImageBuilder.BUILDKIT);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(archive);
            throw e;
        }
        InputStream stream = Files.newInputStream(archive, StandardOpenOption.DELETE_ON_CLOSE);
        return labelled.map(copy -> new Prepared(stream, LABELLED_DOCKERFILE, copy.target(), Map.<String, String>of()))
                .orElseGet(() -> new Prepared(stream, dockerfile, target, labels));
    }

    private static Optional<String> readText(Path file) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString());
        } catch (IOException e) {
            // Not UTF-8, or unreadable: the engine reads the original and says what is wrong with it.
            return Optional.empty();
        }
    }

    /** Writes {@code root}'s content to {@code out} as a tar stream; does not close {@code out}. */
    static void write(Path root, OutputStream out) throws IOException {
        write(root, out, DockerIgnore.none(), Set.of(), Map.of(), false);
    }

    /**
     * Writes {@code root}'s content to {@code out} as a tar stream, leaving out what {@code ignore}
     * names except the {@code kept} paths, and writing {@code extra} files (path to text) in place
     * of any file of the same path; does not close {@code out}.
     *
     * @param rootFirst whether the first entry is {@code root} itself, as {@value #ROOT_ENTRY}: BuildKit
     *                  takes an upload for a context only if its first 512 bytes are a tar header that stands
     *                  alone, and an entry whose name is over 99 characters is preceded by an extended (PAX)
     *                  header. Walked first, such an entry would make BuildKit read the whole context as a
     *                  Dockerfile.
     */
    static void write(Path root, OutputStream out, DockerIgnore ignore, Set<String> kept, Map<String, String> extra,
                      boolean rootFirst) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        if (rootFirst) {
            add(tar, ROOT_ENTRY, root);
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                if (dir.getParent().equals(root) && EXCLUDED.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                String name = name(root, dir);
                if (ignore.ignores(name)) {
                    // An exception, or a file that is always sent, may still be inside.
                    boolean holdsKept = kept.stream().anyMatch(path -> path.startsWith(name + "/"));
                    return ignore.hasExceptions() || holdsKept ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }
                add(tar, name + "/", dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (file.getParent().equals(root) && EXCLUDED.contains(file.getFileName().toString())) {
                    return FileVisitResult.CONTINUE;
                }
                String name = name(root, file);
                if (extra.containsKey(name) || (ignore.ignores(name) && !kept.contains(name))) {
                    return FileVisitResult.CONTINUE;
                }
                add(tar, name, file);
                return FileVisitResult.CONTINUE;
            }
        });
        for (Map.Entry<String, String> file : extra.entrySet()) {
            byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
            entry.setMode(FILE_TYPE | 0644);
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        tar.finish();
    }

    private static String name(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    private static int permissions(Path path) throws IOException {
        int mode = 0;
        for (PosixFilePermission permission : Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)) {
            mode |= switch (permission) {
                case OWNER_READ -> 0400;
                case OWNER_WRITE -> 0200;
                case OWNER_EXECUTE -> 0100;
                case GROUP_READ -> 040;
                case GROUP_WRITE -> 020;
                case GROUP_EXECUTE -> 010;
                case OTHERS_READ -> 04;
                case OTHERS_WRITE -> 02;
                case OTHERS_EXECUTE -> 01;
            };
        }
        return mode;
    }

    /** Adds {@code path} as {@code name}, which ends in {@code /} for a directory. */
    private static void add(TarArchiveOutputStream tar, String name, Path path) throws IOException {
        boolean link = Files.isSymbolicLink(path);
        boolean directory = !link && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        TarArchiveEntry entry;
        if (link) {
            entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            entry.setLinkName(Files.readSymbolicLink(path).toString());
        } else {
            entry = new TarArchiveEntry(path, name, LinkOption.NOFOLLOW_LINKS);
            // The entry does not take the permissions from the file: without this, scripts lose their exec bit.
            entry.setMode((directory ? DIRECTORY_TYPE : FILE_TYPE) | permissions(path));
        }
        // Times as the engine's own archives carry them: the modification to the second, no access, change or
        // creation time. Those would each need an extended (PAX) header before the entry, and BuildKit takes an
        // upload whose first 512 bytes are not a plain tar header for a Dockerfile, not for a context.
        FileTime modified = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
        entry.setModTime(FileTime.from(modified.to(TimeUnit.SECONDS), TimeUnit.SECONDS));
        entry.setLastAccessTime(null);
        entry.setStatusChangeTime(null);
        entry.setCreationTime(null);
        tar.putArchiveEntry(entry);
        if (!link && !directory) {
            Files.copy(path, tar);
        }
        tar.closeArchiveEntry();
    }
}
