package dev.slipway.model.scm;

import dev.slipway.model.SlipwayEvent;

/** An event from a git host, keyed by the Slipway repository id it concerns. */
public sealed interface ScmEvent extends SlipwayEvent permits PushReceived {

    /** The repository id, such as {@code github:acme/app}. */
    String repositoryId();

    /** The git host's own id of the delivery that carried the event. */
    String deliveryId();

    @Override
    default String key() {
        return repositoryId();
    }
}
