package dev.slipway.model.build;

import dev.slipway.model.SlipwayEvent;
import java.util.UUID;

/** Output of a build, keyed by build id so that its chunks stay in order. */
public sealed interface BuildLogEvent extends SlipwayEvent permits LogChunk {

    UUID buildId();

    @Override
    default String key() {
        return buildId().toString();
    }
}
