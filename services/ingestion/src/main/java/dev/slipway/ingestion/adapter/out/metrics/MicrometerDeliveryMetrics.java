package dev.slipway.ingestion.adapter.out.metrics;

import dev.slipway.ingestion.application.port.out.DeliveryMetrics;
import dev.slipway.ingestion.domain.Rejection;
import dev.slipway.ingestion.domain.ReplayRefusal;
import dev.slipway.ingestion.domain.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.stereotype.Component;

/**
 * Counts requests and deliveries:
 * <ul>
 *   <li>{@code slipway.ingestion.deliveries.received}, tagged {@code provider}: every request to a
 *       webhook endpoint, including those refused before their body was read;</li>
 *   <li>{@code slipway.ingestion.deliveries}, tagged {@code provider}, {@code outcome} (accepted,
 *       ignored, duplicate, rejected, or unavailable when it could not be stored) and
 *       {@code reason} (the rejection's slug, {@code database-unavailable}, or {@code none});</li>
 *   <li>{@code slipway.ingestion.replays}, tagged {@code outcome} (replayed or refused) and
 *       {@code reason} (the refusal's slug, or {@code none}).</li>
 * </ul>
 * Every series of one name has all of its tags, as Prometheus requires.
 */
@Component
class MicrometerDeliveryMetrics implements DeliveryMetrics {

    /** The counter of deliveries by outcome. */
    static final String DELIVERIES = "slipway.ingestion.deliveries";
    /** The counter of requests received. */
    static final String RECEIVED = "slipway.ingestion.deliveries.received";
    /** The counter of replays. */
    static final String REPLAYS = "slipway.ingestion.replays";

    private static final String NO_REASON = "none";
    private static final String UNAVAILABLE = "unavailable";
    private static final String DATABASE_UNAVAILABLE = "database-unavailable";

    private final Meter.MeterProvider<Counter> received;
    private final Meter.MeterProvider<Counter> deliveries;
    private final Meter.MeterProvider<Counter> replays;

    MicrometerDeliveryMetrics(MeterRegistry registry) {
        this.received = Counter.builder(RECEIVED)
                .description("Requests to the webhook endpoints, whatever became of them")
                .withRegistry(registry);
        this.deliveries = Counter.builder(DELIVERIES)
                .description("Webhook deliveries received, by what became of them")
                .withRegistry(registry);
        this.replays = Counter.builder(REPLAYS)
                .description("Requests to replay a stored delivery, by what became of them")
                .withRegistry(registry);
    }

    @Override
    public void received(String provider) {
        received.withTags(Tags.of("provider", provider)).increment();
    }

    @Override
    public void count(String provider, Verdict verdict, Rejection rejection) {
        deliveries.withTags(Tags.of("provider", provider, "outcome", verdict.wireName(),
                "reason", rejection == null ? NO_REASON : rejection.slug())).increment();
    }

    @Override
    public void unavailable(String provider) {
        deliveries.withTags(Tags.of("provider", provider, "outcome", UNAVAILABLE, "reason", DATABASE_UNAVAILABLE))
                .increment();
    }

    @Override
    public void replay(ReplayRefusal refusal) {
        replays.withTags(Tags.of("outcome", refusal == null ? "replayed" : "refused",
                "reason", refusal == null ? NO_REASON : refusal.slug())).increment();
    }
}
