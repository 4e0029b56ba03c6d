package dev.slipway.model.scm;

import dev.slipway.model.Fields;

/** The checks that every SCM event's constructor makes of the fields that say where it came from. */
final class ScmOrigin {

    private ScmOrigin() {
    }

    /** Requires the delivery, provider and repository fields that every {@link ScmEvent} carries. */
    static void require(String deliveryId, String provider, String repositoryId, String repositoryName,
                        String cloneUrl) {
        Fields.text(deliveryId, "deliveryId");
        Fields.text(provider, "provider");
        Fields.text(repositoryId, "repositoryId");
        Fields.text(repositoryName, "repositoryName");
        Fields.text(cloneUrl, "cloneUrl");
    }
}
