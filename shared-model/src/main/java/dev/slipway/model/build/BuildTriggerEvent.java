package dev.slipway.model.build;

import dev.slipway.model.SlipwayEvent;

/** A decision of filtering about one SCM event, keyed by repository id. */
public sealed interface BuildTriggerEvent extends SlipwayEvent permits BuildRequested, BuildSkipped, BuildErrored {

    String repositoryId();

    @Override
    default String key() {
        return repositoryId();
    }
}
