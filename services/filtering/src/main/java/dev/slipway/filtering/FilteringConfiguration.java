package dev.slipway.filtering;

import dev.slipway.filtering.application.BuildDecider;
import dev.slipway.filtering.application.port.out.DecisionStore;
import dev.slipway.filtering.application.port.out.TriggerPublisher;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires filtering's use cases to their ports; the application layer itself knows no Spring. */
@Configuration(proxyBeanMethods = false)
class FilteringConfiguration {

    @Bean
    BuildDecider buildDecider(DecisionStore decisions, TriggerPublisher triggers, Clock clock) {
        return new BuildDecider(decisions, triggers, clock, UUID::randomUUID);
    }
}
