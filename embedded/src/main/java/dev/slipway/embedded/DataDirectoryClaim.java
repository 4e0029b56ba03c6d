package dev.slipway.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a persistent PostgreSQL data directory free for a new server, or says why it is not.
 *
 * <p>zonky holds an OS file lock on {@code epg-lock} in the data directory while its server runs,
 * and the OS drops that lock when the owning process dies. The {@code postgres} process does not
 * die with it: {@code pg_ctl} detaches it, so a JVM that was killed (SIGKILL, OOM killer) leaves
 * its server running on the directory, and a new one would wait in vain for its own to start.
 * Hence: if the lock is held, another live process uses the directory, and we refuse at once; if
 * it is free but {@code postmaster.pid} names a live {@code postgres} for this directory, that
 * server is an orphan, and we stop it (SIGTERM, a smart shutdown: it has no clients left).
 */
final class DataDirectoryClaim {

    private static final Logger log = LoggerFactory.getLogger(DataDirectoryClaim.class);
    private static final String ZONKY_LOCK = "epg-lock";
    private static final String POSTMASTER_PID = "postmaster.pid";

    private DataDirectoryClaim() {
    }

    /** Returns when {@code dataDirectory} is free for a new server; throws if it is not. */
    static void claim(Path dataDirectory, Duration patience) {
        requireNoLiveOwner(dataDirectory);
        orphanedPostmaster(dataDirectory).ifPresent(orphan -> stop(orphan, dataDirectory, patience));
    }

    private static void requireNoLiveOwner(Path dataDirectory) {
        Path lockFile = dataDirectory.resolve(ZONKY_LOCK);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw inUse(dataDirectory, "another process");
            }
        } catch (OverlappingFileLockException e) {
            throw inUse(dataDirectory, "another PostgresServer in this JVM");
        } catch (IOException e) {
            throw new EmbeddedServerException("Could not check whether " + lockFile + " is locked", e);
        }
    }

    /** The live {@code postgres} that {@code postmaster.pid} names for this directory, if any. */
    static Optional<ProcessHandle> orphanedPostmaster(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve(POSTMASTER_PID);
        List<String> lines;
        try {
            lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
        } catch (IOException e) {
            return Optional.empty(); // PostgreSQL will judge the file itself
        }
        if (lines.size() < 2 || !samePath(lines.get(1).strip(), dataDirectory)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false));
    }

    private static void stop(ProcessHandle orphan, Path dataDirectory, Duration patience) {
        log.warn("PostgreSQL (pid {}) is still running on {}, left behind by a process that did not shut it down;"
                + " stopping it", orphan.pid(), dataDirectory);
        orphan.destroy();
        try {
            orphan.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new EmbeddedServerException("PostgreSQL (pid " + orphan.pid() + ") left running on " + dataDirectory
                    + " did not stop within " + patience.toSeconds() + " s; stop it (kill -INT " + orphan.pid()
                    + ") and start again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedServerException("Interrupted while stopping PostgreSQL (pid " + orphan.pid() + ")", e);
        }
    }

    private static boolean samePath(String recorded, Path dataDirectory) {
        try {
            return Path.of(recorded).toRealPath().equals(dataDirectory.toRealPath());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static EmbeddedServerException inUse(Path dataDirectory, String owner) {
        return new EmbeddedServerException("The PostgreSQL data directory " + dataDirectory + " is in use by " + owner
                + "; a data directory serves one server at a time. Stop that one, or use another directory.");
    }
}
