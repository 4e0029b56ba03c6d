package dev.slipway.execution.adapter.out.docker;

import dev.slipway.execution.application.port.out.BuildContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a directory as the tar stream of a build context. Symbolic links stay links (a link
 * that points outside the context is the engine's business to refuse, as with the docker CLI),
 * file modes are kept, and the {@code .git} directory is left out: the engine does not need the
 * history, and it is often the largest part of a repository.
 */
final class ContextArchive {

    /** Top-level entries never sent to the engine. */
    static final Set<String> EXCLUDED = Set.of(".git");

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

    /** Writes {@code root}'s content to {@code out} as a tar stream; does not close {@code out}. */
    static void write(Path root, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                if (dir.getParent().equals(root) && EXCLUDED.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                add(tar, root, dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (file.getParent().equals(root) && EXCLUDED.contains(file.getFileName().toString())) {
                    return FileVisitResult.CONTINUE;
                }
                add(tar, root, file);
                return FileVisitResult.CONTINUE;
            }
        });
        tar.finish();
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

    private static void add(TarArchiveOutputStream tar, Path root, Path path) throws IOException {
        String name = root.relativize(path).toString().replace('\\', '/');
        boolean link = Files.isSymbolicLink(path);
        boolean directory = !link && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        TarArchiveEntry entry;
        if (link) {
            entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            entry.setLinkName(Files.readSymbolicLink(path).toString());
        } else {
            entry = new TarArchiveEntry(path, directory ? name + "/" : name, LinkOption.NOFOLLOW_LINKS);
            // The entry does not take the permissions from the file: without this, scripts lose their exec bit.
            entry.setMode((directory ? DIRECTORY_TYPE : FILE_TYPE) | permissions(path));
        }
        tar.putArchiveEntry(entry);
        if (!link && !directory) {
            Files.copy(path, tar);
        }
        tar.closeArchiveEntry();
    }
}
