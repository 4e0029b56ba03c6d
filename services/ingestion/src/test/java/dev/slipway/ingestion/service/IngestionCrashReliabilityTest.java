package dev.slipway.ingestion.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.model.Topics;
import dev.slipway.testkit.infra.TestInfrastructure;
import dev.slipway.testkit.kafka.EventProbe;
import dev.slipway.testkit.kafka.ReceivedEvent;
import dev.slipway.testkit.webhook.WebhookDelivery;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ingestion process dies by SIGKILL while git hosts are delivering: it runs as a process of
 * its own, against a database of its own on the shared PostgreSQL and the shared broker, and the
 * test kills it mid-stream and starts it again on the same port.
 */
class IngestionCrashReliabilityTest {

    private static final int REPOSITORIES = 5;
    private static final int PUSHES_PER_REPOSITORY = 100;
    /** How many 202s the first process gives before it is killed: well into the stream, well before its end. */
    private static final int KILL_AFTER_ACCEPTED = 150;
    private static final Duration HOST_PATIENCE = Duration.ofSeconds(150);

    private static ScratchDatabase database;
    private static ReliabilityRepositories repositories;
    private static IngestionProcess ingestion;

    @BeforeAll
    static void start() throws Exception {
        database = ScratchDatabase.create("ingestion_crash");
        repositories = ReliabilityRepositories.declare(REPOSITORIES);
        Path logs = Files.createDirectories(Path.of("target", "reliability"));
        ingestion = IngestionProcess.start(IngestionRuns.properties(freePort(), database.ingestionUrl(),
                TestInfrastructure.kafka().bootstrapServers(), repositories.file()), logs.resolve("ingestion-crash.log"));
    }

    @AfterAll
    static void stop() {
        if (ingestion != null) {
            ingestion.close();
        }
    }

    @Test
    void everyDeliveryAnswered202BeforeOrAfterASigkillIsPublishedOnceAndInOrder() throws Exception {
        // Verifies that with SIGKILL landing mid-stream (rows committed but unpublished, records on Kafka but
        // unmarked, requests cut off), every delivery answered 202 is published exactly once after the restart,
        // and so is every delivery whose answer the kill swallowed and which the host delivered again (200).
        List<List<WebhookDelivery>> pushes = repositories.pushes(PUSHES_PER_REPOSITORY);
        WebhookClient client = new WebhookClient(ingestion.port());
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger cutOff = new AtomicInteger();
        try (EventProbe topic = EventProbe.open(TestInfrastructure.kafka().bootstrapServers(), Topics.SCM_EVENTS);
                ExecutorService hosts = Executors.newFixedThreadPool(REPOSITORIES)) {
            List<Future<?>> streams = new ArrayList<>();
            for (List<WebhookDelivery> own : pushes) {
                streams.add(hosts.submit(() -> deliverInOrder(client, own, accepted, cutOff)));
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> accepted.size() >= KILL_AFTER_ACCEPTED);
            ingestion.kill();
            int acceptedBeforeKill = accepted.size();
            long restarting = System.nanoTime();
            ingestion.startAgain();
            Duration restartedIn = Duration.ofNanos(System.nanoTime() - restarting);
            for (Future<?> stream : streams) {
                stream.get();
            }

            Set<String> all = pushes.stream().flatMap(List::stream).map(WebhookDelivery::deliveryId)
                    .collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(30)).until(() -> unpublished() == 0);
            topic.await(r -> r.envelope() != null && all.contains(r.envelope().correlationId()), all.size(),
                    Duration.ofSeconds(30));
            List<ReceivedEvent> records = topic.drain(Duration.ofSeconds(30)).stream()
                    .filter(r -> r.envelope() != null && all.contains(r.envelope().correlationId()))
                    .toList();

            Map<String, Long> perDelivery = records.stream()
                    .collect(Collectors.groupingBy(r -> r.envelope().correlationId(), Collectors.counting()));
            assertThat(perDelivery.keySet()).as("every delivery answered 202 is published").containsAll(accepted);
            assertThat(perDelivery.keySet()).as("and so is every one the host had to deliver again").isEqualTo(all);
            assertThat(perDelivery.values()).as("none twice").containsOnly(1L);
            for (int i = 0; i < REPOSITORIES; i++) {
                String repository = repositories.ids().get(i);
                assertThat(records.stream().filter(EventProbe.keyed(repository)).map(r -> r.envelope().correlationId()))
                        .as("order of %s's pushes", repository)
                        .containsExactlyElementsOf(pushes.get(i).stream().map(WebhookDelivery::deliveryId).toList());
            }
            assertThat(acceptedBeforeKill).isLessThan(all.size());
            System.out.printf("ingestion crash: killed after %d of %d deliveries were accepted; %d requests were cut "
                            + "off and delivered again; restarted and ready in %d ms; %s%n", acceptedBeforeKill,
                    all.size(), cutOff.get(), restartedIn.toMillis(), recoveredLine(client));
        }
    }

    /**
     * Posts one repository's pushes in order, as a git host does: an answer lost to the kill (no
     * answer, or a 503 while the process stops) is delivered again until it gets 202, or 200 when
     * the first attempt was in fact stored.
     */
    private static void deliverInOrder(WebhookClient client, List<WebhookDelivery> pushes, Set<String> accepted,
                                       AtomicInteger cutOff) {
        for (WebhookDelivery push : pushes) {
            long deadline = System.nanoTime() + HOST_PATIENCE.toNanos();
            while (true) {
                WebhookClient.Answer answer = null;
                try {
                    answer = client.post(push);
                } catch (IllegalStateException noAnswer) {
                    // the process is dead or not yet listening again
                }
                if (answer != null && answer.status() == 202) {
                    accepted.add(push.deliveryId());
                    break;
                }
                if (answer != null && answer.status() == 200) {
                    assertThat(answer.json().path("verdict").asString()).isEqualTo("duplicate");
                    break;
                }
                assertThat(answer == null || answer.status() == 503).as(String.valueOf(answer)).isTrue();
                cutOff.incrementAndGet();
                assertThat(System.nanoTime()).as("delivered within " + HOST_PATIENCE).isLessThan(deadline);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static long unpublished() {
        Long n = database.jdbc().queryForObject("select count(*) from outbox", Long.class);
        return n == null ? -1 : n;
    }

    private static String recoveredLine(WebhookClient client) {
        return client.get("/actuator/prometheus").lines().filter(l -> l.startsWith("slipway_outbox_recovered_total"))
                .findFirst().orElse("slipway_outbox_recovered_total missing");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
