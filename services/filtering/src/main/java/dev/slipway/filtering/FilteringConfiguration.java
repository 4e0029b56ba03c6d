package dev.slipway.filtering;

import dev.slipway.filtering.application.BuildDecider;
import dev.slipway.filtering.application.port.out.DecisionMetrics;
import dev.slipway.filtering.application.port.out.DecisionStore;
import dev.slipway.filtering.application.port.out.OwnReleases;
import dev.slipway.filtering.application.port.out.PipelineSource;
import dev.slipway.filtering.application.port.out.ReleaseIdentities;
import dev.slipway.filtering.application.port.out.TriggerPublisher;
import java.time.Clock;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires filtering's use cases to their ports; the application layer itself knows no Spring. */
@Configuration(proxyBeanMethods = false)
class FilteringConfiguration {

    @Bean
    BuildDecider buildDecider(DecisionStore decisions, TriggerPublisher triggers, PipelineSource pipelines,
                              OwnReleases ownReleases, ReleaseIdentities identities, DecisionMetrics metrics, Clock clock,
                              @Value("${slipway.filtering.pipeline-cache-size:1000}") int pipelineCacheSize) {
        return new BuildDecider(decisions, triggers, pipelines, ownReleases, identities, metrics, pipelineCacheSize, clock, UUID::randomUUID);
    }
}
