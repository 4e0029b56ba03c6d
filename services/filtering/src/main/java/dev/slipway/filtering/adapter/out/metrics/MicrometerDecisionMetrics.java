package dev.slipway.filtering.adapter.out.metrics;

import dev.slipway.filtering.application.port.out.DecisionMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * {@code slipway_filtering_decisions_total{outcome,rule}}, {@code slipway_filtering_decision_latency_seconds}
 * and {@code slipway_filtering_pipeline_cache_total{result=hit|miss}}.
 */
@Component
class MicrometerDecisionMetrics implements DecisionMetrics {

    private final MeterRegistry registry;
    private final Timer latency;
    private final Counter hits;
    private final Counter misses;

    MicrometerDecisionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("slipway.filtering.decision.latency")
                .description("From reading an SCM event to its decision, pipeline file read included")
                .publishPercentileHistogram()
                .register(registry);
        this.hits = cache("hit");
        this.misses = cache("miss");
    }

    private Counter cache(String result) {
        return Counter.builder("slipway.filtering.pipeline.cache")
                .description("Lookups of a (repository, commit) pipeline in filtering's cache")
                .tag("result", result)
                .register(registry);
    }

    @Override
    public void decided(String outcome, String rule, Duration took) {
        Counter.builder("slipway.filtering.decisions")
                .description("Decisions made, by outcome and by the rule that decided")
                .tag("outcome", outcome)
                .tag("rule", rule)
                .register(registry)
                .increment();
        latency.record(took);
    }

    @Override
    public void pipelineCache(boolean hit) {
        (hit ? hits : misses).increment();
    }
}
