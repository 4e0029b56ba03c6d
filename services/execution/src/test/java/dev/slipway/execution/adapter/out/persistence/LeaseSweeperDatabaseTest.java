package dev.slipway.execution.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.slipway.execution.application.LeaseSettings;
import dev.slipway.execution.application.LeaseSweeper;
import dev.slipway.execution.application.LeaseSweeper.Outcome;
import dev.slipway.execution.application.LeaseSweeper.Recovery;
import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.application.port.out.BuildEventPublisher;
import dev.slipway.execution.application.port.out.RunRepository;
import dev.slipway.execution.application.port.out.SourceCheckout;
import dev.slipway.execution.application.port.out.Transactions;
import dev.slipway.execution.domain.Lease;
import dev.slipway.execution.domain.Run;
import dev.slipway.execution.domain.RunState;
import dev.slipway.execution.testing.ScratchDatabase;
import dev.slipway.messaging.outbox.JdbcOutbox;
import dev.slipway.messaging.outbox.Outbox;
import dev.slipway.model.build.BuildEvent;
import dev.slipway.model.build.BuildFinished;
import dev.slipway.model.build.BuildStatus;
import dev.slipway.model.build.LogChunk;
import dev.slipway.model.codec.EventCodec;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Leases in the real {@code runs} table, on a database of each test's own (schema
 * {@code execution}, migrated as the service would): how sweepers find, lock and end the runs of
 * lost executors, and what they leave in the outbox, through the service's own adapters. Each test
 * sets its sweepers' clocks; the engine is a stand-in that only records what it was asked to
 * destroy.
 */
class LeaseSweeperDatabaseTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Instant CLAIMED_AT = Instant.parse("2026-03-01T12:00:00Z");

    private static final Instant OLDEST = Instant.parse("2000-01-01T00:00:00Z");

    private ScratchDatabase database;
    private final AtomicInteger queuedBefore = new AtomicInteger();

    private AnnotationConfigApplicationContext adapters;
    private JdbcClient jdbc;
    private RunRepository runs;
    private Transactions transactions;
    private BuildEventPublisher events;
    private final Set<UUID> destroyed = ConcurrentHashMap.newKeySet();
    private final Set<UUID> workspacesRemoved = ConcurrentHashMap.newKeySet();
    private final AtomicInteger wakeUps = new AtomicInteger();

    @BeforeEach
    void open() {
        database = ScratchDatabase.create("execution_leases");
        DataSource dataSource = database.migrated();
        jdbc = JdbcClient.create(dataSource);
        // The service's own adapters, wired by themselves: the run table, its transactions and the outbox publisher.
        adapters = new AnnotationConfigApplicationContext();
        adapters.registerBean(JdbcClient.class, () -> jdbc);
        adapters.registerBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(dataSource));
        adapters.registerBean(Outbox.class,
                () -> new JdbcOutbox(new JdbcTemplate(dataSource), new EventCodec(), Clock.systemUTC(), () -> { }));
        adapters.scan(getClass().getPackageName(), "dev.slipway.execution.adapter.out.kafka");
        adapters.refresh();
        runs = adapters.getBean(RunRepository.class);
        transactions = adapters.getBean(Transactions.class);
        events = adapters.getBean(BuildEventPublisher.class);
    }

    @AfterEach
    void close() {
        adapters.close();
        database.close();
    }

    @Test
    void twoConcurrentSweepersErrorAStaleRunExactlyOnce() throws Exception {
        // Verifies skip locked: while one sweeper holds the lost runs, the other takes none of them and does not wait.
        List<Run> lost = List.of(claimed("executor-a", CLAIMED_AT), claimed("executor-a", CLAIMED_AT),
                claimed("executor-b", CLAIMED_AT.plusSeconds(1)));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        BuildEventPublisher blockingOnce = new BuildEventPublisher() {
            @Override
            public void publish(BuildEvent event, Run run) {
                events.publish(event, run);
                if (calls.getAndIncrement() == 0) {
                    holding.countDown();
                    await(release);
                }
            }

            @Override
            public void publish(LogChunk chunk, Run run) {
                events.publish(chunk, run);
            }
        };
        Instant now = CLAIMED_AT.plus(TIMEOUT).plusSeconds(5);
        LeaseSweeper first = sweeper(blockingOnce, now, false);
        LeaseSweeper second = sweeper(events, now, false);

        List<Recovery> secondSweep;
        List<Recovery> firstRecoveries;
        try (ExecutorService executors = Executors.newFixedThreadPool(2)) {
            Future<List<Recovery>> firstSweep = executors.submit(first::sweep);
            assertThat(holding.await(10, TimeUnit.SECONDS)).as("the first sweeper has locked the runs").isTrue();
            secondSweep = executors.submit(second::sweep).get(10, TimeUnit.SECONDS);
            release.countDown();
            firstRecoveries = firstSweep.get(10, TimeUnit.SECONDS);
        }

        assertThat(secondSweep).as("the runs the first sweeper holds").isEmpty();
        assertThat(firstRecoveries).extracting(Recovery::buildId)
                .containsExactlyInAnyOrderElementsOf(lost.stream().map(Run::buildId).toList());
        assertThat(second.sweep()).as("after the first committed, nothing is left to take").isEmpty();
        for (Run run : lost) {
            assertThat(finishedEvents(run.buildId())).as("BuildFinished of %s", run.buildId()).hasSize(1);
            assertThat(lease(run.buildId()).state()).isEqualTo(RunState.FINISHED);
        }
        assertThat(destroyed).containsExactlyInAnyOrderElementsOf(lost.stream().map(Run::buildId).toList());
        assertThat(workspacesRemoved).as("and their workspaces").isEqualTo(destroyed);
    }

    @Test
    void errorsALostRunWithTheExecutorAndItsLastHeartbeatInTheOutbox() {
        // Verifies the errored path: the run's row, and BuildFinished in the outbox with the request's correlation.
        Run run = claimed("executor-7", CLAIMED_AT);
        transactions.inTransaction(() -> runs.heartbeat(List.of(run), CLAIMED_AT.plusMillis(10_250)));
        Instant now = CLAIMED_AT.plusSeconds(41);

        List<Recovery> recoveries = sweeper(events, now, false).sweep();

        String reason = "executor lost: executor-7 stopped sending heartbeats at 2026-03-01T12:00:10.250Z";
        assertThat(recoveries).containsExactly(new Recovery(run.buildId(), "executor-7", Outcome.ERRORED, reason));
        List<OutboxRow> events = finishedEvents(run.buildId());
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().event()).isEqualTo(new BuildFinished(run.buildId(), BuildStatus.ERRORED, reason,
                now));
        assertThat(events.getFirst().correlationId()).isEqualTo(run.correlationId());
        assertThat(events.getFirst().causationId()).isEqualTo(run.causationId());
        assertThat(jdbc.sql("select state, final_status, reason, finished_at from runs where build_id = :id")
                .param("id", run.buildId())
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant().toString()))
                .single()).containsExactly("finished", "errored", reason, now.toString());
        assertThat(destroyed).containsExactly(run.buildId());
    }

    @Test
    void leavesARunWhoseHeartbeatIsFreshAndOneThatIsNotRunning() {
        // Verifies what is not lost: a heartbeat within the timeout, a queued run, a finished run.
        Run fresh = claimed("executor-live", CLAIMED_AT);
        Instant now = CLAIMED_AT.plus(TIMEOUT).plusSeconds(20);
        transactions.inTransaction(() -> runs.heartbeat(List.of(fresh), now.minus(TIMEOUT)));
        Run queued = queued();
        Run finished = claimed("executor-done", CLAIMED_AT);
        transactions.inTransaction(() -> runs.finish(finished.buildId(), BuildStatus.SUCCEEDED, "", CLAIMED_AT));

        List<Recovery> recoveries = sweeper(events, now, false).sweep();

        assertThat(recoveries).extracting(Recovery::buildId).doesNotContain(fresh.buildId(), queued.buildId(),
                finished.buildId());
        assertThat(lease(fresh.buildId()).state()).isEqualTo(RunState.RUNNING);
        assertThat(lease(queued.buildId()).state()).isEqualTo(RunState.QUEUED);
        assertThat(finishedEvents(fresh.buildId())).isEmpty();
        assertThat(destroyed).doesNotContain(fresh.buildId(), queued.buildId(), finished.buildId());
    }

    @Test
    void retriesALostBuildOnceAndErrorsItWhenItsSecondExecutorIsLostToo() {
        // Verifies retry-lost-builds: first loss queues the run again (no event), the second ends it errored.
        Run run = claimed("executor-1", CLAIMED_AT);
        Instant firstSweep = CLAIMED_AT.plusSeconds(35);

        List<Recovery> first = sweeper(events, firstSweep, true).sweep();

        assertThat(first).extracting(Recovery::buildId, Recovery::outcome)
                .containsExactly(tuple(run.buildId(), Outcome.QUEUED_AGAIN));
        assertThat(first.getFirst().reason()).isEqualTo("executor lost: executor-1 stopped sending heartbeats at "
                + "2026-03-01T12:00:00Z; attempt 2 of 2 follows");
        Lease requeued = lease(run.buildId());
        assertThat(requeued.state()).isEqualTo(RunState.QUEUED);
        assertThat(requeued.executorId()).isNull();
        assertThat(requeued.heartbeatAt()).isNull();
        assertThat(requeued.attempts()).isEqualTo(1);
        assertThat(finishedEvents(run.buildId())).as("a retried build has not finished").isEmpty();
        assertThat(destroyed).as("its first attempt's objects are removed before it can start again")
                .containsExactly(run.buildId());
        assertThat(workspacesRemoved).as("and its workspaces").containsExactly(run.buildId());
        assertThat(wakeUps).as("the dispatcher is woken for it").hasValue(1);

        Instant secondClaim = firstSweep.plusSeconds(1);
        Run again = claimOnly(run.buildId(), "executor-2", secondClaim);
        assertThat(lease(run.buildId()).attempts()).isEqualTo(2);
        assertThat(again.executorId()).isEqualTo("executor-2");
        List<Recovery> second = sweeper(events, secondClaim.plus(TIMEOUT).plusSeconds(1), true).sweep();

        String reason = "executor lost: executor-2 stopped sending heartbeats at 2026-03-01T12:00:36Z (attempt 2 of 2)";
        assertThat(second).containsExactly(new Recovery(run.buildId(), "executor-2", Outcome.ERRORED, reason));
        assertThat(finishedEvents(run.buildId())).extracting(OutboxRow::event)
                .containsExactly(new BuildFinished(run.buildId(), BuildStatus.ERRORED, reason,
                        secondClaim.plus(TIMEOUT).plusSeconds(1)));
    }

    @Test
    void aStalledExecutorWhoseRunWasSweptCanNeitherBeatForItNorFinishIt() {
        // Verifies the lease checks in the table: after the sweeper ended a run errored (executor lost), its old
        // executor's heartbeat is refused (and says so), and its finish changes nothing: the run keeps the sweeper's
        // end, and the outbox has the sweeper's BuildFinished only.
        Run run = claimed("executor-7", CLAIMED_AT);
        Instant swept = CLAIMED_AT.plusSeconds(41);
        sweeper(events, swept, false).sweep();

        Set<UUID> held = transactions.inTransaction(() -> runs.heartbeat(List.of(run), swept.plusSeconds(1)));
        boolean finished = transactions.inTransaction(() -> runs.finishHeld(run, BuildStatus.SUCCEEDED, "",
                swept.plusSeconds(2)));

        assertThat(held).isEmpty();
        assertThat(finished).isFalse();
        assertThat(lease(run.buildId())).isEqualTo(new Lease(run.buildId(), RunState.FINISHED, "executor-7", swept, 1));
        assertThat(jdbc.sql("select final_status from runs where build_id = :id").param("id", run.buildId())
                .query(String.class).single()).isEqualTo("errored");
        assertThat(finishedEvents(run.buildId())).hasSize(1);
    }

    @Test
    void aHeartbeatAndAFinishCountOnlyForTheAttemptThatHoldsTheRunEvenOnTheSameExecutor() {
        // Verifies the attempt in the lease: a lost run queued again and claimed again by the same executor is held by
        // its second claim only. The first claim's heartbeat and finish are refused; the second's go through. One
        // heartbeat covers several runs at once and answers those still held.
        Run first = claimed("executor-1", CLAIMED_AT);
        Run other = claimed("executor-1", CLAIMED_AT);
        Instant swept = CLAIMED_AT.plusSeconds(35);
        transactions.inTransaction(() -> runs.heartbeat(List.of(other), swept));
        sweeper(events, swept, true).sweep();
        Run second = claimOnly(first.buildId(), "executor-1", swept.plusSeconds(1));

        Set<UUID> held = transactions.inTransaction(() -> runs.heartbeat(List.of(first, other), swept.plusSeconds(2)));
        Set<UUID> heldAgain = transactions.inTransaction(() -> runs.heartbeat(List.of(second, other),
                swept.plusSeconds(3)));
        boolean staleFinish = transactions.inTransaction(() -> runs.finishHeld(first, BuildStatus.FAILED, "stale",
                swept.plusSeconds(4)));
        boolean finish = transactions.inTransaction(() -> runs.finishHeld(second, BuildStatus.SUCCEEDED, "",
                swept.plusSeconds(5)));

        assertThat(second.attempts()).isEqualTo(2);
        assertThat(held).containsExactly(other.buildId());
        assertThat(heldAgain).containsExactlyInAnyOrder(second.buildId(), other.buildId());
        assertThat(staleFinish).isFalse();
        assertThat(finish).isTrue();
        assertThat(jdbc.sql("select final_status from runs where build_id = :id").param("id", first.buildId())
                .query(String.class).single()).isEqualTo("succeeded");
        assertThat(lease(other.buildId()).heartbeatAt()).isEqualTo(swept.plusSeconds(3));
    }

    @Test
    void readsTheLeasesOfTheRunsItKnowsAmongTheBuildsAsked() {
        // Verifies the read the cleanup decides by: known runs with their executor, heartbeat and attempts; others absent.
        Run running = claimed("executor-9", CLAIMED_AT);
        Run queued = queued();
        UUID unknown = UUID.randomUUID();

        Map<UUID, Lease> leases = runs.leases(List.of(running.buildId(), queued.buildId(), unknown));

        assertThat(leases).containsOnlyKeys(running.buildId(), queued.buildId());
        assertThat(leases.get(running.buildId()))
                .isEqualTo(new Lease(running.buildId(), RunState.RUNNING, "executor-9", CLAIMED_AT, 1));
        assertThat(leases.get(queued.buildId())).isEqualTo(new Lease(queued.buildId(), RunState.QUEUED, null, null, 0));
        assertThat(runs.leases(List.of())).isEmpty();
    }

    private LeaseSweeper sweeper(BuildEventPublisher events, Instant now, boolean retry) {
        BuildBackend engine = (BuildBackend) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BuildBackend.class}, (proxy, method, args) -> {
                    if (method.getName().equals("destroy")) {
                        destroyed.add((UUID) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException("the sweeper only destroys; it called " + method.getName());
                });
        SourceCheckout disk = (SourceCheckout) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SourceCheckout.class}, (proxy, method, args) -> {
                    if (method.getName().equals("removeWorkspaces")) {
                        workspacesRemoved.add((UUID) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException("the sweeper only removes workspaces; it called "
                            + method.getName());
                });
        return new LeaseSweeper(runs, transactions, events, engine, disk, new LeaseSettings(TIMEOUT, retry),
                Clock.fixed(now, ZoneOffset.UTC), wakeUps::incrementAndGet);
    }

    /** A run claimed by {@code executor} at {@code at}. */
    private Run claimed(String executor, Instant at) {
        // Claims take the oldest queued run: this one is queued before every other of the test.
        Run run = queued(OLDEST.minusSeconds(queuedBefore.incrementAndGet()));
        return claimOnly(run.buildId(), executor, at);
    }

    private Run claimOnly(UUID buildId, String executor, Instant at) {
        Run claimed = transactions.inTransaction(() -> runs.claimOldestQueued(executor, at)).orElseThrow();
        assertThat(claimed.buildId()).isEqualTo(buildId);
        return claimed;
    }

    private Run queued() {
        return queued(Instant.now());
    }

    private Run queued(Instant createdAt) {
        UUID id = UUID.randomUUID();
        Run run = Run.queued(id, "github:acme/leases", "acme/leases", 1, "file:///srv/git/leases.git",
                "9fceb02d0ae598e95dc970b74767f19372d61af8", "refs/heads/main", "delivery-" + id, UUID.randomUUID(),
                createdAt);
        transactions.inTransaction(() -> runs.insertIfAbsent(run));
        return run;
    }

    private Lease lease(UUID buildId) {
        return runs.leases(List.of(buildId)).get(buildId);
    }

    private List<OutboxRow> finishedEvents(UUID buildId) {
        EventCodec codec = new EventCodec();
        return jdbc.sql("""
                        select event_type, event_version, payload, correlation_id, causation_id from outbox
                        where event_type = 'build.finished' and record_key = :key order by id""")
                .param("key", buildId.toString())
                .query((rs, n) -> new OutboxRow(codec.decode(rs.getString(1), rs.getInt(2), rs.getBytes(3)),
                        rs.getString(4), rs.getString(5)))
                .list()
                .stream()
                .filter(row -> row.event() instanceof BuildFinished f && f.buildId().equals(buildId))
                .toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the sweeper");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record OutboxRow(Object event, String correlationId, String causationId) {
    }
}
