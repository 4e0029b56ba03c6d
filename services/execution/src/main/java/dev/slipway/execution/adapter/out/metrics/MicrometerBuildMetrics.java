package dev.slipway.execution.adapter.out.metrics;

import dev.slipway.execution.application.port.out.BuildMetrics;
import dev.slipway.model.build.BuildStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Finished builds, counted and timed by final status. */
@Component
class MicrometerBuildMetrics implements BuildMetrics {

    private final MeterRegistry meters;

    MicrometerBuildMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void buildFinished(BuildStatus status, Duration duration) {
        Counter.builder("slipway.execution.builds")
                .description("Builds this executor finished, by final status")
                .tag("status", status.wireName())
                .register(meters)
                .increment();
        Timer.builder("slipway.execution.build.duration")
                .description("Time from a build's start on this executor to its end")
                .tag("status", status.wireName())
                .register(meters)
                .record(duration);
    }
}
