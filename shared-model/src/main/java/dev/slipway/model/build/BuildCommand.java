package dev.slipway.model.build;

import dev.slipway.model.SlipwayEvent;
import java.util.UUID;

/** A command to a build that was requested, keyed by build id so that it stays in order with the build's events. */
public sealed interface BuildCommand extends SlipwayEvent permits CancelBuild {

    UUID buildId();

    @Override
    default String key() {
        return buildId().toString();
    }
}
