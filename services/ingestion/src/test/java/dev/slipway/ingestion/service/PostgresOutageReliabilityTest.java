package dev.slipway.ingestion.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.model.Topics;
import dev.slipway.testkit.infra.RestartablePostgres;
import dev.slipway.testkit.infra.TestInfrastructure;
import dev.slipway.testkit.kafka.EventProbe;
import dev.slipway.testkit.webhook.WebhookDelivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * PostgreSQL goes away while git hosts keep delivering: the ingestion service, running whole in
 * this JVM, stores deliveries in a PostgreSQL that the test stops and starts again on the same
 * port and data directory, and publishes to the shared broker.
 */
class PostgresOutageReliabilityTest {

    private static final Duration GITHUB_TIMEOUT = Duration.ofSeconds(10);
    private static final int DELIVERIES_DURING_OUTAGE = 8;

    private static RestartablePostgres postgres;
    private static ConfigurableApplicationContext ingestion;
    private static ReliabilityRepositories repositories;

    @BeforeAll
    static void start() {
        postgres = RestartablePostgres.start();
        repositories = ReliabilityRepositories.declare(2);
        ingestion = IngestionRuns.inProcess(IngestionRuns.properties(0, postgres.jdbcUrl("ingestion"),
                TestInfrastructure.kafka().bootstrapServers(), repositories.file()));
    }

    @AfterAll
    static void stop() {
        if (ingestion != null) {
            ingestion.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void deliveriesAreRefusedWith503WhileTheDatabaseIsDownAndAcceptedAgainWhenItReturnsWithoutARestart()
            throws Exception {
        // Verifies that, with PostgreSQL stopped, signed pushes get 503 + Retry-After + a database-unavailable
        // problem detail well within GitHub's timeout and never a 202; that once it is back the same service
        // accepts them again (the pool reconnects), and the redelivered pushes are published.
        WebhookClient client = new WebhookClient(IngestionRuns.port(ingestion));
        List<List<WebhookDelivery>> pushes = repositories.pushes(DELIVERIES_DURING_OUTAGE / 2 + 1);
        try (EventProbe topic = EventProbe.open(TestInfrastructure.kafka().bootstrapServers(), Topics.SCM_EVENTS)) {
            WebhookDelivery before = pushes.get(0).getFirst();
            assertThat(client.post(before).status()).isEqualTo(202);
            topic.awaitOne(EventProbe.correlatedTo(before.deliveryId()), Duration.ofSeconds(30));

            postgres.stop();
            List<WebhookDelivery> refused = new ArrayList<>();
            pushes.forEach(own -> refused.addAll(own.subList(1, own.size())));
            List<Timed> answers = postConcurrently(client, refused);

            assertThat(answers).hasSize(DELIVERIES_DURING_OUTAGE).allSatisfy(timed -> {
                WebhookClient.Answer answer = timed.answer();
                assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
                assertThat(answer.retryAfter()).isNotBlank();
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.problemType()).isEqualTo("https://slipway.dev/problems/database-unavailable");
                assertThat(timed.took()).as("answered within GitHub's timeout").isLessThan(GITHUB_TIMEOUT);
            });
            Duration slowest = answers.stream().map(Timed::took).max(Duration::compareTo).orElseThrow();

            long returned = System.nanoTime();
            postgres.startAgain();
            // A host redelivers what got 503; the first tries may still meet connections the restart cut.
            List<String> accepted = new ArrayList<>();
            for (WebhookDelivery push : refused) {
                accepted.add(redeliverUntilAccepted(client, push, Duration.ofSeconds(30)));
            }
            Duration recoveredIn = Duration.ofNanos(System.nanoTime() - returned);

            assertThat(accepted).hasSize(DELIVERIES_DURING_OUTAGE);
            for (String deliveryId : accepted) {
                topic.awaitOne(EventProbe.correlatedTo(deliveryId), Duration.ofSeconds(30));
            }
            assertThat(topic.drain(Duration.ofSeconds(30)).stream()
                    .filter(r -> r.envelope() != null && accepted.contains(r.envelope().correlationId())))
                    .as("each accepted once, none of the refused attempts published").hasSize(accepted.size());
            System.out.printf("postgres outage: %d deliveries answered 503 in at most %d ms (%s); all accepted "
                            + "again %d ms after PostgreSQL was started again%n", answers.size(), slowest.toMillis(),
                    answers.stream().map(t -> t.took().toMillis() + " ms").toList(), recoveredIn.toMillis());
        }
    }

    private static String redeliverUntilAccepted(WebhookClient client, WebhookDelivery push, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            WebhookClient.Answer answer = client.post(push);
            if (answer.status() == 202) {
                return push.deliveryId();
            }
            assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
            assertThat(System.nanoTime()).as("accepted again within " + patience).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Posts every delivery at once, each from a thread of its own, as a busy host would during the outage. */
    private static List<Timed> postConcurrently(WebhookClient client, List<WebhookDelivery> deliveries)
            throws Exception {
        try (ExecutorService threads = Executors.newFixedThreadPool(deliveries.size())) {
            List<Future<Timed>> answers = new ArrayList<>();
            for (WebhookDelivery push : deliveries) {
                answers.add(threads.submit(() -> {
                    long started = System.nanoTime();
                    WebhookClient.Answer answer = client.post(push);
                    return new Timed(answer, Duration.ofNanos(System.nanoTime() - started));
                }));
            }
            List<Timed> done = new ArrayList<>();
            for (Future<Timed> f : answers) {
                done.add(f.get());
            }
            return done;
        }
    }

    private record Timed(WebhookClient.Answer answer, Duration took) {
    }
}
