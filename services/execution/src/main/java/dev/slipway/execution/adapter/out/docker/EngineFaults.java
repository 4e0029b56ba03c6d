package dev.slipway.execution.adapter.out.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;

/** How this package words the engine's failures and shrugs at objects already gone. */
final class EngineFaults {

    private EngineFaults() {
    }

    /** The message of the innermost cause, which is where the engine's or the socket's words are. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.strip();
    }

    /**
     * Runs a removal or a stop, and treats "no such object" and "already so" as done: another
     * executor, an earlier call, or the process itself got there first, which is what was wanted.
     */
    static void ignoringGone(Runnable removal) {
        try {
            removal.run();
        } catch (NotFoundException | NotModifiedException alreadyGone) {
            // Nothing left to do.
        }
    }
}
