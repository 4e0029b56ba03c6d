package dev.slipway.ingestion.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.slipway.ingestion.application.port.out.DeliveryLog.Recording;
import dev.slipway.ingestion.application.port.out.DeliveryNotStorableException;
import dev.slipway.ingestion.application.port.out.NewDelivery;
import dev.slipway.ingestion.application.port.out.StoredDelivery;
import dev.slipway.ingestion.domain.Rejection;
import dev.slipway.ingestion.domain.Verdict;
import dev.slipway.messaging.MessagingAutoConfiguration;
import dev.slipway.messaging.jdbc.Lz4Block;
import dev.slipway.messaging.outbox.JdbcOutbox;
import dev.slipway.model.codec.EventCodec;
import dev.slipway.model.scm.PushReceived;
import dev.slipway.testkit.infra.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery log and its batches against the real PostgreSQL (schema {@code ingestion}, migrated
 * here as the service would), without Spring: what group commit stores, what it answers, and what
 * a delivery the database refuses does to the others. Every test uses delivery ids of its own.
 */
class JdbcDeliveryLogTest {

    private static final String REPOSITORY_ID = "github:acme/batches";
    private static HikariDataSource dataSource;

    private JdbcTemplate jdbcTemplate;
    private JdbcClient jdbc;
    private DeliveryBatch batch;
    private JdbcDeliveryLog log;
    private String prefix;

    @BeforeAll
    static void migrate() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(TestInfrastructure.jdbcUrl("ingestion"));
        dataSource.setUsername(TestInfrastructure.postgres().username());
        dataSource.setMaximumPoolSize(4);
        Flyway.configure().dataSource(dataSource).schemas("ingestion").defaultSchema("ingestion")
                .locations(MessagingAutoConfiguration.MIGRATIONS, "classpath:db/migration/ingestion").load().migrate();
    }

    @AfterAll
    static void closeDataSource() {
        dataSource.close();
    }

    private SimpleMeterRegistry meters;

    @BeforeEach
    void open() {
        jdbcTemplate = new JdbcTemplate(dataSource);
        jdbc = JdbcClient.create(dataSource);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        JdbcOutbox outbox = new JdbcOutbox(jdbcTemplate, new EventCodec(), Clock.systemUTC(), () -> { });
        batch = new DeliveryBatch(jdbcTemplate, new TransactionTemplate(transactions), outbox);
        meters = new SimpleMeterRegistry();
        log = new JdbcDeliveryLog(jdbcTemplate, transactions, outbox, new EventCodec(), meters, 1);
        prefix = "batch-" + UUID.randomUUID() + "-";
    }

    @AfterEach
    void close() {
        log.close();
        // No relay runs here; the events must not wait for one of a later test and go to its Kafka.
        jdbc.sql("delete from outbox where correlation_id like :prefix")
                .param("prefix", prefix + "%").update();
    }

    @Test
    void storesTwoCopiesOfOneDeliveryInOneBatchOnceAndAnswersTheSecondWithTheFirst() {
        // Verifies in-batch deduplication: one row, one event, and the copy answered AlreadyRecorded with the first's ids.
        NewDelivery first = accepted("d-1");
        NewDelivery copy = accepted("d-1");

        List<Recording> outcomes = store(List.of(first, copy));

        StoredDelivery stored = ((Recording.Recorded) outcomes.get(0)).stored();
        assertThat(outcomes.get(1)).isEqualTo(new Recording.AlreadyRecorded(stored));
        assertThat(rows("d-1")).isEqualTo(1);
        assertThat(events("d-1")).containsExactly(stored.eventId().toString());
    }

    @Test
    void keepsAnAcceptedDeliverysEventWithItAsTheOutboxHoldsItAndNoneWithAnIgnoredOne() {
        // Verifies that the row keeps the event's type, version and bytes, those of its outbox row, for replays.
        NewDelivery delivery = accepted("d-kept");
        NewDelivery ping = ignored("d-ping");

        List<Recording> outcomes = store(List.of(delivery, ping));

        StoredDelivery stored = ((Recording.Recorded) outcomes.get(0)).stored();
        Map<String, Object> row = jdbc.sql("""
                        select d.event_type, d.event_version, d.event_payload,
                               o.event_type as outbox_type, o.event_version as outbox_version, o.payload
                        from deliveries d join outbox o on o.event_id = d.event_id
                        where d.id = :id""")
                .param("id", stored.id()).query().singleRow();
        assertThat(row.get("event_type")).isEqualTo("push.received").isEqualTo(row.get("outbox_type"));
        assertThat(row.get("event_version")).isEqualTo(row.get("outbox_version"));
        assertThat((byte[]) row.get("event_payload")).isEqualTo((byte[]) row.get("payload"));
        assertThat(new EventCodec().decode((String) row.get("event_type"), (Integer) row.get("event_version"),
                (byte[]) row.get("event_payload"))).isEqualTo(delivery.event());
        assertThat(jdbc.sql("select count(*) from deliveries where delivery_id = :id and event_payload is null")
                .param("id", prefix + "d-ping").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void answersADeliveryStoredByAnEarlierBatchWithTheOriginalAndAppendsNoEvent() {
        // Verifies cross-batch deduplication: the original's row and event are given back, nothing new is written.
        StoredDelivery original = ((Recording.Recorded) store(List.of(accepted("d-2"))).getFirst()).stored();

        List<Recording> outcomes = store(List.of(accepted("d-3"), accepted("d-2")));

        assertThat(outcomes.get(0)).isInstanceOf(Recording.Recorded.class);
        assertThat(outcomes.get(1)).isInstanceOf(Recording.AlreadyRecorded.class);
        StoredDelivery answered = ((Recording.AlreadyRecorded) outcomes.get(1)).original();
        assertThat(answered.id()).isEqualTo(original.id());
        assertThat(answered.eventId()).isEqualTo(original.eventId());
        assertThat(answered.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(rows("d-2")).isEqualTo(1);
        assertThat(events("d-2")).hasSize(1);
    }

    @Test
    void keepsEveryRejectedCopyAndLetsTheValidDeliveryOfTheSameIdThrough() {
        // Verifies that rejected rows never take the id, even two of them in the batch ahead of the real delivery.
        List<Recording> outcomes = store(List.of(rejected("d-4"), rejected("d-4"), accepted("d-4"),
                ignored("d-4")));

        assertThat(outcomes.subList(0, 3)).allSatisfy(o -> assertThat(o).isInstanceOf(Recording.Recorded.class));
        assertThat(outcomes.get(3)).isInstanceOf(Recording.AlreadyRecorded.class);
        assertThat(((Recording.AlreadyRecorded) outcomes.get(3)).original().verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(outcomes.subList(0, 3)).extracting(o -> ((Recording.Recorded) o).stored().id())
                .doesNotHaveDuplicates();
        assertThat(rows("d-4")).isEqualTo(3);
        assertThat(events("d-4")).hasSize(1);
    }

    /** Stores the deliveries as one batch, written as the log writes them on a request's thread. */
    private List<Recording> store(List<NewDelivery> deliveries) {
        return batch.store(deliveries.stream().map(d -> DeliveryRow.of(d, new EventCodec())).toList());
    }

    @Test
    void storesABatchLargerThanTheLargestStatementWithAStoredIdInItsMiddle() {
        // Verifies the multi-row inserts: 300 rows (256 + 32 + 8 + 4), one met in the middle, ids ascending in batch order.
        store(List.of(accepted("m-151")));
        List<NewDelivery> deliveries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            deliveries.add(i % 7 == 3 ? rejected("m-" + i) : accepted("m-" + i));
        }

        List<Recording> outcomes = store(deliveries);

        assertThat(outcomes.get(151)).isInstanceOf(Recording.AlreadyRecorded.class);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            if (i != 151) {
                StoredDelivery stored = ((Recording.Recorded) outcomes.get(i)).stored();
                assertThat(stored.deliveryId()).isEqualTo(prefix + "m-" + i);
                assertThat(stored.verdict()).isEqualTo(i % 7 == 3 ? Verdict.REJECTED : Verdict.ACCEPTED);
                ids.add(stored.id());
            }
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        for (int i : List.of(0, 150, 152, 255, 256, 299)) {
            long id = ((Recording.Recorded) outcomes.get(i)).stored().id();
            assertThat(jdbc.sql("select delivery_id from deliveries where id = :id").param("id", id)
                    .query(String.class).single()).isEqualTo(prefix + "m-" + i);
        }
        assertThat(rows("m-151")).isEqualTo(1);
    }

    @Test
    void keepsABodyCompressedInItsOwnRowAndRestoresItByteForByte() {
        // Verifies V6: a 12 KB JSON body is stored LZ4-compressed by ingestion, in the row itself (no TOAST rows).
        StringBuilder json = new StringBuilder("{\"commits\":[");
        for (int i = 0; json.length() < 12_000; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i).append("\",\"message\":\"Fix the build\"}");
        }
        byte[] large = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        NewDelivery delivery = new NewDelivery("github", prefix + "big-1", "push", Map.of("x-github-event", "push"),
                large, "acme/batches", REPOSITORY_ID, Verdict.ACCEPTED, null, null, push(prefix + "big-1"),
                Instant.now());
        long toastRows = toastRows();

        store(List.of(delivery));

        Map<String, Object> row = storedBody(prefix + "big-1");
        assertThat(row).containsEntry("body_compression", "lz4").containsEntry("body_length", large.length);
        assertThat(row.get("compression")).isNull();
        assertThat(((byte[]) row.get("body")).length).isLessThan(large.length / 4);
        assertThat(Lz4Block.restore((byte[]) row.get("body"), "lz4", large.length)).isEqualTo(large);
        assertThat(toastRows()).isEqualTo(toastRows);
    }

    @Test
    void keepsABodyThatLz4CannotShrinkAsItCame() {
        // Random bytes do not compress: they are stored as received, body_compression null.
        byte[] noise = new byte[4_000];
        new java.util.Random(7).nextBytes(noise);
        NewDelivery delivery = new NewDelivery("github", prefix + "noise-1", "push", Map.of("x-github-event", "push"),
                noise, null, null, Verdict.REJECTED, Rejection.MALFORMED_JSON, "the body is not valid JSON", null,
                Instant.now());

        store(List.of(delivery));

        Map<String, Object> row = storedBody(prefix + "noise-1");
        assertThat(row.get("body_compression")).isNull();
        assertThat(row).containsEntry("body_length", noise.length);
        assertThat((byte[]) row.get("body")).isEqualTo(noise);
    }

    private Map<String, Object> storedBody(String deliveryId) {
        return jdbc.sql("""
                        select body, body_compression, body_length, pg_column_compression(body) as compression
                        from deliveries where delivery_id = :id""")
                .param("id", deliveryId).query().singleRow();
    }

    private long toastRows() {
        String toast = jdbc.sql("select reltoastrelid::regclass::text from pg_class where oid = 'deliveries'::regclass")
                .query(String.class).single();
        return jdbc.sql("select count(*) from " + toast).query(Long.class).single();
    }

    @Test
    void appendsTheEventsOfABatchInTheOrderOfItsDeliveries() {
        // Verifies that outbox ids follow the order the deliveries reached the log, which is the publishing order.
        List<NewDelivery> deliveries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            deliveries.add(accepted("o-" + i));
        }

        store(deliveries);

        List<String> published = jdbc.sql("select correlation_id from outbox where correlation_id like :prefix order by id")
                .param("prefix", prefix + "o-%").query(String.class).list();
        assertThat(published).containsExactlyElementsOf(deliveries.stream().map(NewDelivery::deliveryId).toList());
    }

    @Test
    void storesConcurrentDeliveriesInFewerTransactionsThanDeliveriesAndAnswersEachCorrectly() throws Exception {
        // Verifies group commit end to end: 400 concurrent records, 40 of them repeats, each answered right and stored once.
        int distinct = 360;
        List<NewDelivery> deliveries = new ArrayList<>();
        for (int i = 0; i < distinct; i++) {
            deliveries.add(accepted("c-" + i));
        }
        for (int i = 0; i < 40; i++) {
            deliveries.add(accepted("c-" + i * 7));
        }
        List<Future<Recording>> outcomes = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (NewDelivery delivery : deliveries) {
                outcomes.add(threads.submit(() -> log.record(delivery)));
            }
        }

        long recorded = 0;
        for (Future<Recording> outcome : outcomes) {
            if (outcome.get() instanceof Recording.Recorded) {
                recorded++;
            }
        }
        assertThat(recorded).isEqualTo(distinct);
        assertThat(jdbc.sql("select count(*) from deliveries where delivery_id like :prefix")
                .param("prefix", prefix + "c-%").query(Long.class).single()).isEqualTo(distinct);
        assertThat(jdbc.sql("select count(*) from outbox where correlation_id like :prefix")
                .param("prefix", prefix + "c-%").query(Long.class).single()).isEqualTo(distinct);
        long transactions = jdbc.sql("select count(distinct xmin::text) from deliveries where delivery_id like :prefix")
                .param("prefix", prefix + "c-%").query(Long.class).single();
        assertThat(transactions).as("transactions that stored %d deliveries", distinct).isLessThan(distinct / 2);
        // The batch metrics saw every record, in as many batches as the writer wrote.
        DistributionSummary sizes = meters.get("slipway.ingestion.batch.size").summary();
        assertThat(sizes.totalAmount()).isEqualTo(deliveries.size());
        assertThat(sizes.count()).isGreaterThanOrEqualTo(transactions).isLessThan(deliveries.size() / 2);
        assertThat(meters.get("slipway.ingestion.batch.duration").timer().count()).isEqualTo(sizes.count());
    }

    @Test
    void fourWritersStoreEachRepositorysDeliveriesInTheOrderTheyArrivedAndNeverMixRepositoriesInATransaction()
            throws Exception {
        // Verifies the writers' partition: 8 repositories, each with one sender posting 60 deliveries one after
        // another while the others post at the same time. Every delivery is stored once; each repository's outbox
        // ids follow its sender's order; and a transaction holds the rows of the repositories of one writer only.
        JdbcDeliveryLog four = new JdbcDeliveryLog(jdbcTemplate, new DataSourceTransactionManager(dataSource),
                new JdbcOutbox(jdbcTemplate, new EventCodec(), Clock.systemUTC(), () -> { }), new EventCodec(),
                new SimpleMeterRegistry(), 4);
        try {
            List<String> repositories = IntStream.range(0, 8).mapToObj(r -> "github:acme/w" + r).toList();
            try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                for (String repository : repositories) {
                    senders.submit(() -> {
                        for (int i = 0; i < 60; i++) {
                            String id = prefix + repository.substring("github:acme/".length()) + "-" + i;
                            PushReceived push = new PushReceived(id, "github", repository, repository.substring(7),
                                    "file:///srv/w.git", "refs/heads/main", null, "b".repeat(40), null, List.of(), "ada");
                            assertThat(four.record(new NewDelivery("github", id, "push", Map.of(), body(),
                                    repository.substring(7), repository, Verdict.ACCEPTED, null, null, push,
                                    Instant.now()))).isInstanceOf(Recording.Recorded.class);
                        }
                        return null;
                    });
                }
            }
            for (String repository : repositories) {
                String w = repository.substring("github:acme/".length());
                List<String> inIdOrder = jdbc.sql("select correlation_id from outbox where correlation_id like :p order by id")
                        .param("p", prefix + w + "-%").query(String.class).list();
                assertThat(inIdOrder).as(repository)
                        .containsExactlyElementsOf(IntStream.range(0, 60).mapToObj(i -> prefix + w + "-" + i)
                                .toList());
            }
            List<String> repositoriesPerTransaction = jdbc.sql("""
                    select string_agg(distinct repository_id, ',') from deliveries where delivery_id like :p
                    group by xmin::text""").param("p", prefix + "w%").query(String.class).list();
            assertThat(repositoriesPerTransaction).isNotEmpty().allSatisfy(together -> assertThat(
                    Arrays.stream(together.split(",")).map(r -> Math.floorMod(r.hashCode(), 4)).distinct())
                    .as("writers of the repositories %s, stored in one transaction", together).hasSize(1));
        } finally {
            four.close();
        }
    }

    @Test
    void storesTheRestOfABatchWhenTheDatabaseRefusesOneDeliveryAndAnswersThatOneNotStorable() throws Exception {
        // Verifies that a value the column refuses (jsonb takes no U+0000) fails its own delivery only, with no 503.
        NewDelivery good1 = accepted("r-1");
        NewDelivery refused = new NewDelivery("github", prefix + "r-2", "push", Map.of("x-note", "nul \0 here"),
                body(), "acme/batches", REPOSITORY_ID, Verdict.ACCEPTED, null, null, push(prefix + "r-2"),
                Instant.now());
        NewDelivery good2 = accepted("r-3");
        List<Future<Recording>> good = new ArrayList<>();
        Future<Recording> bad;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
             Connection holder = dataSource.getConnection()) {
            // The writer's first batch waits on a row another transaction holds, so that the next three queue up
            // behind it and are written as one batch.
            holder.setAutoCommit(false);
            holdDeliveryId(holder, "r-0");
            good.add(threads.submit(() -> log.record(ignored("r-0"))));
            awaitWriterWaitingForALock();
            good.add(threads.submit(() -> log.record(good1)));
            bad = threads.submit(() -> log.record(refused));
            good.add(threads.submit(() -> log.record(good2)));
            Thread.sleep(300);
            holder.rollback();
        }

        assertThat(good).allSatisfy(f -> assertThat(f.get()).isInstanceOf(Recording.Recorded.class));
        assertThatThrownBy(bad::get).cause().isInstanceOf(DeliveryNotStorableException.class)
                .hasMessageContaining(refused.deliveryId()).hasMessageContaining("22P05");
        assertThat(rows("r-1") + rows("r-3")).isEqualTo(2);
        assertThat(rows("r-2")).isZero();
        assertThat(events("r-2")).as("the refused delivery's event was rolled back with it").isEmpty();
        assertThat(events("r-1")).hasSize(1);
        assertThat(events("r-3")).hasSize(1);
    }

    @Test
    void answersADeliveryThatAnotherWriterStoredMeanwhileAsAlreadyRecordedWithoutAnEventOfItsOwn() throws Exception {
        // Verifies the race the unique index settles: the batch is rolled back, events too, and stored again.
        Future<Recording> outcome;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
             Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            holdDeliveryId(other, "m-1");
            outcome = threads.submit(() -> log.record(accepted("m-1")));
            awaitWriterWaitingForALock();
            other.commit();
        }

        assertThat(outcome.get()).isInstanceOfSatisfying(Recording.AlreadyRecorded.class, already -> {
            assertThat(already.original().verdict()).isEqualTo(Verdict.IGNORED);
            assertThat(already.original().reason()).isEqualTo("held by the test");
        });
        assertThat(rows("m-1")).isEqualTo(1);
        assertThat(events("m-1")).isEmpty();
    }

    @Test
    void answersTheSameRefusalWhenTheRefusedDeliveryIsAlone() {
        // Verifies the refusal without a batch around it: a DeliveryNotStorableException, never a 503 to retry.
        NewDelivery refused = new NewDelivery("github", prefix + "r-4", "push", Map.of("x-note", "\0"), body(),
                "acme/batches", REPOSITORY_ID, Verdict.REJECTED, Rejection.BAD_SIGNATURE, "bad signature", null,
                Instant.now());

        assertThatThrownBy(() -> log.record(refused)).isInstanceOf(DeliveryNotStorableException.class);
        assertThat(rows("r-4")).isZero();
    }

    private NewDelivery accepted(String id) {
        return new NewDelivery("github", prefix + id, "push", Map.of("x-github-event", "push"), body(), "acme/batches",
                REPOSITORY_ID, Verdict.ACCEPTED, null, null, push(prefix + id), Instant.now());
    }

    private NewDelivery ignored(String id) {
        return new NewDelivery("github", prefix + id, "ping", Map.of(), body(), "acme/batches", REPOSITORY_ID,
                Verdict.IGNORED, null, "a ping builds nothing", null, Instant.now());
    }

    private NewDelivery rejected(String id) {
        return new NewDelivery("github", prefix + id, "push", Map.of(), body(), "acme/batches", REPOSITORY_ID,
                Verdict.REJECTED, Rejection.BAD_SIGNATURE, "bad signature", null, Instant.now());
    }

    private static PushReceived push(String deliveryId) {
        return new PushReceived(deliveryId, "github", REPOSITORY_ID, "acme/batches", "file:///srv/batches.git",
                "refs/heads/main", null, "b".repeat(40), null, List.of(), "ada");
    }

    private static byte[] body() {
        return "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
    }

    private int rows(String id) {
        return jdbc.sql("select count(*) from deliveries where delivery_id = :id").param("id", prefix + id)
                .query(Integer.class).single();
    }

    private List<String> events(String id) {
        return jdbc.sql("select cast(event_id as text) from outbox where correlation_id = :id").param("id", prefix + id)
                .query(String.class).list();
    }

    private void holdDeliveryId(Connection holder, String id) throws SQLException {
        try (PreparedStatement insert = holder.prepareStatement("""
                insert into deliveries (provider, delivery_id, event_name, headers, body, repository_id, verdict,
                                        reason, received_at)
                values ('github', ?, 'ping', '{}', ''::bytea, ?, 'ignored', 'held by the test', now())""")) {
            insert.setString(1, prefix + id);
            insert.setString(2, REPOSITORY_ID);
            insert.executeUpdate();
        }
    }

    private void awaitWriterWaitingForALock() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            long waiting = jdbc.sql("""
                            select count(*) from pg_stat_activity
                            where datname = current_database() and wait_event_type = 'Lock'
                              and query like 'insert into deliveries%'""")
                    .query(Long.class).single();
            if (waiting > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the writer never waited for the held delivery id");
    }
}
