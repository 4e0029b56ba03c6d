package dev.slipway.model.release;

import dev.slipway.model.SlipwayEvent;

/** Something the releases service did or is about to do, keyed by repository id so that it stays in order. */
public sealed interface ReleaseEvent extends SlipwayEvent permits ReleaseIntended {

    String repositoryId();

    @Override
    default String key() {
        return repositoryId();
    }
}
