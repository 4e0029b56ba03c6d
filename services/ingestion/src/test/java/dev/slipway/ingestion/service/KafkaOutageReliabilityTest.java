package dev.slipway.ingestion.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.model.Topics;
import dev.slipway.testkit.infra.RestartableKafka;
import dev.slipway.testkit.kafka.EventProbe;
import dev.slipway.testkit.kafka.ReceivedEvent;
import dev.slipway.testkit.webhook.WebhookDelivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Kafka goes away while git hosts keep delivering: the ingestion service, running whole in this
 * JVM on a database of its own, publishes to a broker that the test stops and starts again on
 * the same port and log.
 */
class KafkaOutageReliabilityTest {

    private static final int REPOSITORIES = 5;
    private static final int PUSHES_PER_REPOSITORY = 200;
    private static final Duration GITHUB_TIMEOUT = Duration.ofSeconds(10);

    private static RestartableKafka kafka;
    private static ConfigurableApplicationContext ingestion;
    private static ScratchDatabase database;
    private static ReliabilityRepositories repositories;

    @BeforeAll
    static void start() {
        kafka = RestartableKafka.start();
        database = ScratchDatabase.create("kafka_outage");
        repositories = ReliabilityRepositories.declare(REPOSITORIES);
        ingestion = IngestionRuns.inProcess(IngestionRuns.properties(0, database.ingestionUrl(),
                kafka.bootstrapServers(), repositories.file()));
    }

    @AfterAll
    static void stop() {
        if (ingestion != null) {
            ingestion.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void deliveriesAcceptedWhileKafkaIsDownArePublishedOnceEachInOrderPerRepositoryWhenItReturns() throws Exception {
        // Verifies that 1,000 pushes to 5 repositories, posted while the broker is stopped, are all answered 202
        // within GitHub's timeout, wait in the outbox (pending, lag), and once the broker is back are on
        // slipway.scm.events exactly once each, in post order within each repository's partition.
        WebhookClient client = new WebhookClient(IngestionRuns.port(ingestion));
        warmUp(client);
        List<List<WebhookDelivery>> pushes = repositories.pushes(PUSHES_PER_REPOSITORY);

        kafka.stop();
        long posting = System.nanoTime();
        List<Answered> answers = postEachRepositoryInOrder(client, pushes);
        Duration postedIn = Duration.ofNanos(System.nanoTime() - posting);

        assertThat(answers).hasSize(REPOSITORIES * PUSHES_PER_REPOSITORY)
                .allSatisfy(a -> assertThat(a.status()).as(a.deliveryId()).isEqualTo(202));
        Duration slowest = answers.stream().map(Answered::took).max(Duration::compareTo).orElseThrow();
        assertThat(slowest).as("no request waited for Kafka").isLessThan(GITHUB_TIMEOUT);
        Map<String, Double> waiting = outboxMetrics(client);
        assertThat(waiting.get("slipway_outbox_pending")).isEqualTo(REPOSITORIES * PUSHES_PER_REPOSITORY);
        assertThat(waiting.get("slipway_outbox_lag_seconds")).isGreaterThan(0);

        long outage = System.nanoTime();
        kafka.startAgain();
        Set<String> posted = answers.stream().map(Answered::deliveryId).collect(Collectors.toSet());
        try (EventProbe topic = EventProbe.openFromBeginning(kafka.bootstrapServers(), Topics.SCM_EVENTS)) {
            topic.await(r -> r.envelope() != null && posted.contains(r.envelope().correlationId()), posted.size(),
                    Duration.ofSeconds(60));
            Duration drainedIn = Duration.ofNanos(System.nanoTime() - outage);
            await().atMost(Duration.ofSeconds(30)).until(() -> unpublished() == 0);
            List<ReceivedEvent> records = topic.drain(Duration.ofSeconds(30)).stream()
                    .filter(r -> r.envelope() != null && posted.contains(r.envelope().correlationId()))
                    .toList();

            Map<String, Long> perDelivery = records.stream()
                    .collect(Collectors.groupingBy(r -> r.envelope().correlationId(), Collectors.counting()));
            assertThat(perDelivery).as("every delivery published").hasSize(posted.size());
            assertThat(perDelivery.values()).as("none twice").containsOnly(1L);
            for (int i = 0; i < REPOSITORIES; i++) {
                String repository = repositories.ids().get(i);
                List<String> published = records.stream().filter(EventProbe.keyed(repository))
                        .map(r -> r.envelope().correlationId()).toList();
                assertThat(published).as("order of %s's pushes", repository)
                        .containsExactlyElementsOf(pushes.get(i).stream().map(WebhookDelivery::deliveryId).toList());
            }
            Map<String, Double> drained = outboxMetrics(client);
            assertThat(drained.get("slipway_outbox_pending")).isZero();
            assertThat(drained.get("slipway_outbox_lag_seconds")).isZero();
            System.out.printf("kafka outage: 1,000 deliveries posted in %d ms (slowest answer %d ms); all published "
                            + "%d ms after the broker was started again%n", postedIn.toMillis(), slowest.toMillis(),
                    drainedIn.toMillis());
        }
    }

    /** One push per repository, published, so that topics exist and the relay's producer knows the broker. */
    private void warmUp(WebhookClient client) {
        for (List<WebhookDelivery> first : repositories.pushes(1)) {
            WebhookClient.Answer answer = client.post(first.getFirst());
            assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> unpublished() == 0);
    }

    /** Posts each repository's pushes in order, one thread per repository, so that repositories interleave. */
    private static List<Answered> postEachRepositoryInOrder(WebhookClient client, List<List<WebhookDelivery>> pushes)
            throws Exception {
        List<Answered> answers = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService threads = Executors.newFixedThreadPool(pushes.size())) {
            List<Future<?>> done = new ArrayList<>();
            for (List<WebhookDelivery> own : pushes) {
                done.add(threads.submit(() -> {
                    for (WebhookDelivery push : own) {
                        long started = System.nanoTime();
                        WebhookClient.Answer answer = client.post(push);
                        answers.add(new Answered(push.deliveryId(), answer.status(),
                                Duration.ofNanos(System.nanoTime() - started)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        return answers;
    }

    private long unpublished() {
        Long n = database.jdbc().queryForObject("select count(*) from outbox", Long.class);
        return n == null ? -1 : n;
    }

    /** The outbox's gauges as /actuator/prometheus shows them. */
    static Map<String, Double> outboxMetrics(WebhookClient client) {
        return client.get("/actuator/prometheus").lines()
                .filter(l -> l.startsWith("slipway_outbox_pending ") || l.startsWith("slipway_outbox_lag_seconds "))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(' ')),
                        l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)), (a, b) -> a,
                        LinkedHashMap::new));
    }

    private record Answered(String deliveryId, int status, Duration took) {
    }
}
