package dev.slipway.filtering.application.port.out;

import dev.slipway.filtering.domain.Decision;
import java.util.Optional;

/** Filtering's own record of decisions and build numbers. Joins the caller's transaction. */
public interface DecisionStore {

    /** The decision already made for this delivery of this repository, if any. */
    Optional<Decision> findByDelivery(String repositoryId, String deliveryId);

    /**
     * The repository's next build number. Numbers start at 1 and have no gaps: one taken inside
     * a transaction that rolls back is given again.
     */
    long nextBuildNumber(String repositoryId);

    /** Stores {@code decision}. */
    void save(Decision decision);

    /**
     * The builds of {@code ref} requested before build number {@code before} that have neither
     * finished nor been cancelled, oldest first; each is marked as superseded by {@code by}, so
     * that it is cancelled once.
     */
    java.util.List<Decision> supersede(String repositoryId, String ref, long before, java.util.UUID by);

    /** Notes that build {@code buildId} ended, so that no newer push cancels it. */
    void finished(java.util.UUID buildId, java.time.Instant at);
}
