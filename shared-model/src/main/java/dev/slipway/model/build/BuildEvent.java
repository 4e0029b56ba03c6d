package dev.slipway.model.build;

import dev.slipway.model.SlipwayEvent;
import java.util.UUID;

/** Something that happened while a build ran, keyed by build id so that it stays in order. */
public sealed interface BuildEvent extends SlipwayEvent
        permits BuildStarted, StepStarted, StepFinished, ImageBuilt, ImagePushed, BuildFinished {

    UUID buildId();

    @Override
    default String key() {
        return buildId().toString();
    }
}
