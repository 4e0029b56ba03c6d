package dev.slipway.ingestion.adapter.in.web;

import dev.slipway.ingestion.application.port.in.ReplayOutcome;
import java.time.Instant;
import java.util.UUID;

/**
 * The answer to a replay: the delivery's event is in the outbox again and will be published.
 *
 * @param replayId        the id of the replay's audit record
 * @param delivery        the delivery, as {@code <provider>:<delivery id>}
 * @param deliveryId      the host's id of the delivery
 * @param repositoryId    the repository's Slipway id
 * @param originalEventId the id the event was first published under
 * @param eventId         the new id it is published under now, and the correlation id is unchanged
 * @param replayedAt      when the replay was recorded
 */
record ReplayResponse(long replayId, String delivery, String deliveryId, String repositoryId, UUID originalEventId,
                      UUID eventId, Instant replayedAt) {

    static ReplayResponse of(ReplayOutcome.Replayed replayed) {
        return new ReplayResponse(replayed.replayId(), replayed.delivery(), replayed.deliveryId(),
                replayed.repositoryId(), replayed.originalEventId(), replayed.eventId(), replayed.replayedAt());
    }
}
