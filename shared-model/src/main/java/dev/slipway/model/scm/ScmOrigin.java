package dev.slipway.model.scm;

import dev.slipway.model.Fields;

/** The checks that SCM events' constructors share: of where an event came from, and of a tag's name and ref. */
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

    /** Requires a tag's name, and its full ref to be {@code refs/tags/<tag>}. */
    static void requireTag(String tag, String ref) {
        Fields.text(tag, "tag");
        Fields.text(ref, "ref");
        if (!ref.equals(Refs.TAG_PREFIX + tag)) {
            throw new IllegalArgumentException("ref must be " + Refs.TAG_PREFIX + tag + ", the tag's full ref, was " + ref);
        }
    }
}
