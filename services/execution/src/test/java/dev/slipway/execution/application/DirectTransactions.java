package dev.slipway.execution.application;

import dev.slipway.execution.application.port.out.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Transactions that only keep track of being inside one, and run after-commit actions at its end. */
final class DirectTransactions implements Transactions {

    private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);
    private final ThreadLocal<List<Runnable>> afterCommit = ThreadLocal.withInitial(ArrayList::new);

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        depth.set(depth.get() + 1);
        boolean committed = false;
        try {
            T result = work.get();
            committed = true;
            return result;
        } finally {
            depth.set(depth.get() - 1);
            if (depth.get() == 0) {
                List<Runnable> actions = List.copyOf(afterCommit.get());
                afterCommit.get().clear();
                if (committed) {
                    actions.forEach(Runnable::run);
                }
            }
        }
    }

    @Override
    public void afterCommit(Runnable action) {
        if (active()) {
            afterCommit.get().add(action);
        } else {
            action.run();
        }
    }

    boolean active() {
        return depth.get() > 0;
    }
}
