package dev.slipway.execution.application.port.out;

import dev.slipway.model.build.BuildStatus;
import java.time.Duration;

/** Counts and times finished builds. */
public interface BuildMetrics {

    /** Records a build that ended with {@code status} after running for {@code duration}. */
    void buildFinished(BuildStatus status, Duration duration);
}
