package dev.slipway.ingestion.application.port.out;

import dev.slipway.ingestion.domain.Rejection;
import dev.slipway.ingestion.domain.Verdict;
import dev.slipway.model.scm.ScmEvent;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A delivery as it is to be stored, with the verdict it got.
 *
 * @param provider       the git host
 * @param deliveryId     the host's id of the delivery
 * @param eventName      the host's name of the event
 * @param headers        the request headers, secrets already redacted
 * @param body           the raw body, exactly as received; not copied
 * @param repositoryName the {@code owner/name} the body named, or {@code null} when it named none
 * @param repositoryId   the registered repository's id, or {@code null} when none was found
 * @param verdict        accepted, ignored or rejected; never duplicate, which is not stored
 * @param rejection      why it was rejected; {@code null} unless the verdict is rejected
 * @param reason         why it was ignored or rejected, in words; {@code null} when accepted
 * @param event          the event to publish; present exactly when the verdict is accepted
 * @param receivedAt     when it arrived
 */
public record NewDelivery(String provider, String deliveryId, String eventName, Map<String, String> headers,
                          byte[] body, String repositoryName, String repositoryId, Verdict verdict,
                          Rejection rejection, String reason, ScmEvent event, Instant receivedAt) {

    public NewDelivery {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(eventName, "eventName");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (verdict == Verdict.DUPLICATE) {
            throw new IllegalArgumentException("a duplicate delivery is answered, never stored");
        }
        if ((verdict == Verdict.REJECTED) != (rejection != null)) {
            throw new IllegalArgumentException("a rejection reason goes with a rejected delivery, and only with one");
        }
        if ((verdict == Verdict.ACCEPTED) != (event != null)) {
            throw new IllegalArgumentException("an event goes with an accepted delivery, and only with one");
        }
        if (verdict != Verdict.ACCEPTED && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("an ignored or rejected delivery needs a reason");
        }
        if (verdict != Verdict.REJECTED && repositoryId == null) {
            throw new IllegalArgumentException("an accepted or ignored delivery belongs to a registered repository");
        }
    }
}
