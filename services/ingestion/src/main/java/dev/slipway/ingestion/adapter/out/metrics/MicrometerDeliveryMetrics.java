package dev.slipway.ingestion.adapter.out.metrics;

import dev.slipway.ingestion.application.port.out.DeliveryMetrics;
import dev.slipway.ingestion.domain.Rejection;
import dev.slipway.ingestion.domain.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.stereotype.Component;

/**
 * Counts deliveries as {@code slipway.ingestion.deliveries}, tagged {@code provider},
 * {@code outcome} (accepted, ignored, duplicate, rejected) and {@code reason} (the rejection's
 * slug, or {@code none}). Every series has all three tags, as Prometheus requires of one name.
 */
@Component
class MicrometerDeliveryMetrics implements DeliveryMetrics {

    /** The counter's name. */
    static final String DELIVERIES = "slipway.ingestion.deliveries";

    private static final String NO_REASON = "none";

    private final Meter.MeterProvider<Counter> deliveries;

    MicrometerDeliveryMetrics(MeterRegistry registry) {
        this.deliveries = Counter.builder(DELIVERIES)
                .description("Webhook deliveries received, by what became of them")
                .withRegistry(registry);
    }

    @Override
    public void count(String provider, Verdict verdict, Rejection rejection) {
        deliveries.withTags(Tags.of("provider", provider, "outcome", verdict.wireName(),
                "reason", rejection == null ? NO_REASON : rejection.slug())).increment();
    }
}
