package dev.slipway.execution.application;

import dev.slipway.execution.application.port.out.RegistryAuth;
import dev.slipway.model.build.BuildStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A build runner on the fakes and in-memory stand-ins: the run table, the outbox, the engine, the
 * checkout, and secrets and registry logins that a test fills in. Close it to stop its log timer.
 */
final class TestRuntime implements AutoCloseable {

    final DirectTransactions transactions = new DirectTransactions();
    final RecordingEvents events = new RecordingEvents(transactions);
    final InMemoryRunRepository runs = new InMemoryRunRepository();
    final FakeBuildBackend backend = new FakeBuildBackend();
    final FakeSourceCheckout checkout = new FakeSourceCheckout();
    /** Secret values by name. */
    final Map<String, String> secrets = new ConcurrentHashMap<>();
    /** Logins by the credential a push names, else by registry. */
    final Map<String, RegistryAuth> registries = new ConcurrentHashMap<>();
    final List<BuildStatus> finishedStatuses = new CopyOnWriteArrayList<>();
    final ExecutorSettings settings = new ExecutorSettings("test-executor", 2, Duration.ofMillis(50),
            Duration.ofSeconds(10), Duration.ofMillis(100), 500, Duration.ofSeconds(1), OptionalLong.empty());
    private final ScheduledExecutorService logTimer = Executors.newSingleThreadScheduledExecutor();
    final BuildRunner runner = new BuildRunner(checkout, backend, runs, events, transactions,
            (status, duration) -> finishedStatuses.add(status), Clock.systemUTC(), settings, logTimer,
            name -> Optional.ofNullable(secrets.get(name)),
            (registry, credential) -> Optional.ofNullable(registries.get(credential.orElse(registry))));

    @Override
    public void close() {
        logTimer.shutdownNow();
    }
}
