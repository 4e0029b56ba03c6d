package dev.slipway.filtering.application.port.out;

import dev.slipway.filtering.domain.LoopGuard;
import dev.slipway.model.release.ReleaseIntended;
import java.util.Optional;
import java.util.UUID;

/**
 * The tags that Slipway itself created or is about to create, as filtering knows them: the
 * {@code ReleaseIntended} records of the releases service, and the release tags of the plans
 * filtering compiled. Joins the caller's transaction.
 */
public interface OwnReleases {

    /** Remembers {@code intended}; recording the same release again changes nothing. */
    void recordIntended(ReleaseIntended intended);

    /** The latest build whose {@code ReleaseIntended} names {@code tag}, if any. */
    Optional<LoopGuard.BuildRef> intended(String repositoryId, String tag);

    /** The latest build whose plan releases {@code tag}, if any. */
    Optional<LoopGuard.BuildRef> planned(String repositoryId, String tag);

    /** Build {@code buildId} with its number when filtering requested it, else with the id alone. */
    LoopGuard.BuildRef build(String repositoryId, UUID buildId);

    /** The commit an intended or planned release of {@code tag} is made from, if one is known. */
    Optional<String> commitOf(String repositoryId, String tag);
}
