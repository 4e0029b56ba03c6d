package dev.slipway.pipeline.lint.rules;

import java.util.List;
import java.util.Set;

/**
 * Which sysctls a container may set. Only namespaced parameters can differ per container: the IPC
 * namespace's {@code kernel.*} message queue and shared memory settings, {@code fs.mqueue.*}, and,
 * in a container with its own network namespace, {@code net.*}. Everything else (such as
 * {@code vm.swappiness}) belongs to the whole host, and the engine refuses it.
 */
public final class Sysctls {

    public static final Set<String> IPC_KERNEL = Set.of("kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
            "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced");

    /** The allowed set, as the lint hint prints it. */
    public static final List<String> ALLOWED = List.of("kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
            "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced", "fs.mqueue.*",
            "net.* (not with host_network)");

    private Sysctls() {
    }

    public static boolean isNetwork(String key) {
        return key.startsWith("net.");
    }

    /** Whether a container with its own namespaces may set {@code key}. */
    public static boolean isNamespaced(String key) {
        return IPC_KERNEL.contains(key) || key.startsWith("fs.mqueue.") || isNetwork(key);
    }
}
