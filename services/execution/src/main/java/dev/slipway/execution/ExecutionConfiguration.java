package dev.slipway.execution;

import dev.slipway.execution.application.BuildDispatcher;
import dev.slipway.execution.application.BuildRunner;
import dev.slipway.execution.application.CancelRunService;
import dev.slipway.execution.application.ExecutorSettings;
import dev.slipway.execution.application.LeaseSettings;
import dev.slipway.execution.application.LeaseSweeper;
import dev.slipway.execution.application.LeftoverCleanup;
import dev.slipway.execution.application.LostBuildRecovery;
import dev.slipway.execution.application.QueueBuildService;
import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.application.port.out.BuildEventPublisher;
import dev.slipway.execution.application.port.out.BuildMetrics;
import dev.slipway.execution.application.port.out.RegistryCredentials;
import dev.slipway.execution.application.port.out.RunRepository;
import dev.slipway.execution.application.port.out.SecretValues;
import dev.slipway.execution.application.port.out.SourceCheckout;
import dev.slipway.execution.application.port.out.Transactions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires execution's use cases to their ports and turns typed settings into the application's
 * {@link ExecutorSettings}; the application layer itself knows no Spring.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExecutionProperties.class)
class ExecutionConfiguration {

    @Bean
    ExecutorSettings executorSettings(ExecutionProperties properties) {
        String executorId = properties.executorId() == null || properties.executorId().isBlank()
                ? hostname() + "-" + ProcessHandle.current().pid()
                : properties.executorId();
        return new ExecutorSettings(executorId, properties.concurrency(), properties.enginePollInterval(),
                properties.heartbeatInterval(), properties.logs().maxDelay(), properties.logs().maxLines(),
                properties.shutdownGrace(), properties.containerMemory() == null ? OptionalLong.empty()
                        : OptionalLong.of(properties.containerMemory().toBytes()));
    }

    @Bean
    LogTimer executionLogTimer() {
        return new LogTimer(Executors.newSingleThreadScheduledExecutor(
                task -> Thread.ofPlatform().name("execution-log-flush").daemon().unstarted(task)));
    }

    @Bean
    BuildRunner buildRunner(SourceCheckout checkout, BuildBackend backend, RunRepository runs,
                            BuildEventPublisher events, Transactions transactions, BuildMetrics metrics, Clock clock,
                            ExecutorSettings settings, LogTimer logTimer, SecretValues secrets,
                            RegistryCredentials registries) {
        return new BuildRunner(checkout, backend, runs, events, transactions, metrics, clock, settings,
                logTimer.executor(), secrets, registries);
    }

    @Bean
    BuildDispatcher buildDispatcher(RunRepository runs, Transactions transactions, BuildEventPublisher events,
                                    BuildBackend backend, BuildRunner runner, ExecutorSettings settings, Clock clock) {
        return new BuildDispatcher(runs, transactions, events, backend, runner, settings, clock);
    }

    @Bean
    QueueBuildService queueBuildService(RunRepository runs, Transactions transactions, BuildEventPublisher events,
                                        BuildDispatcher dispatcher, Clock clock) {
        return new QueueBuildService(runs, transactions, events, dispatcher::wakeUp, clock);
    }

    @Bean
    CancelRunService cancelRunService(RunRepository runs, Transactions transactions, BuildEventPublisher events,
                                      BuildRunner runner, Clock clock) {
        return new CancelRunService(runs, transactions, events, runner, clock);
    }

    /**
     * Starts dispatching once the context is up, after the outbox relay, and stops it before the
     * relay, so that the events of builds that end while stopping are still published.
     */
    @Bean
    SmartLifecycle buildDispatcherLifecycle(BuildDispatcher dispatcher) {
        return lifecycle(dispatcher::start, dispatcher::stop, Integer.MAX_VALUE - 50);
    }

    @Bean
    LeaseSettings leaseSettings(ExecutionProperties properties, ExecutorSettings executor) {
        return new LeaseSettings(properties.leaseTimeout(), properties.retryLostBuilds())
                .requireRoomFor(executor.heartbeatInterval(), executor.enginePollInterval());
    }

    @Bean
    LostBuildRecovery lostBuildRecovery(RunRepository runs, Transactions transactions, BuildEventPublisher events,
                                        BuildBackend backend, SourceCheckout checkout, BuildDispatcher dispatcher,
                                        LeaseSettings settings, Clock clock) {
        return new LostBuildRecovery(
                new LeaseSweeper(runs, transactions, events, backend, checkout, settings, clock,
                        dispatcher::wakeUp),
                new LeftoverCleanup(backend, checkout, runs, settings, clock), settings);
    }

    /** Sweeps from before dispatching starts until after it stopped. */
    @Bean
    SmartLifecycle lostBuildRecoveryLifecycle(LostBuildRecovery recovery) {
        return lifecycle(recovery::start, recovery::stop, Integer.MAX_VALUE - 60);
    }

    /** {@code start} and {@code stop} as a lifecycle of the context, in {@code phase}. */
    private static SmartLifecycle lifecycle(Runnable start, Runnable stop, int phase) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                start.run();
                running = true;
            }

            @Override
            public void stop() {
                stop.run();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return phase;
            }
        };
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String fromEnvironment = System.getenv("HOSTNAME");
            return fromEnvironment == null || fromEnvironment.isBlank() ? "executor" : fromEnvironment;
        }
    }

    /** The timer that flushes due log chunks of every running build; stopped with the context. */
    record LogTimer(ScheduledExecutorService executor) implements AutoCloseable {
        @Override
        public void close() {
            executor.shutdownNow();
        }
    }
}
