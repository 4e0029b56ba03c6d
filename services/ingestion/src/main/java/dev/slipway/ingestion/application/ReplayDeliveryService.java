package dev.slipway.ingestion.application;

import dev.slipway.ingestion.application.port.in.ReplayDelivery;
import dev.slipway.ingestion.application.port.in.ReplayOutcome;
import dev.slipway.ingestion.application.port.out.DeliveryMetrics;
import dev.slipway.ingestion.application.port.out.DeliveryReplays;
import dev.slipway.ingestion.application.port.out.DeliveryReplays.Replaying;
import dev.slipway.ingestion.application.port.out.StoredDelivery;
import dev.slipway.ingestion.domain.DeliveryReference;
import dev.slipway.ingestion.domain.OperatorToken;
import dev.slipway.ingestion.domain.ReplayRefusal;
import java.time.Clock;
import java.util.Optional;

/**
 * Replays stored deliveries for operators, checking in this order: replaying is enabled (an
 * operator token is configured), the caller presented a token, it is the operator token, the
 * reference names a stored delivery, and that delivery was accepted, so that it has an event. The
 * token is checked before the reference is even read, so that a caller without it learns nothing
 * about which deliveries exist.
 */
public final class ReplayDeliveryService implements ReplayDelivery {

    /** The environment variable that the operator token is configured from. */
    public static final String TOKEN_VARIABLE = "SLIPWAY_OPERATOR_TOKEN";

    private final Optional<OperatorToken> operatorToken;
    private final DeliveryReplays replays;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    /**
     * @param operatorToken the token operators present; empty turns replaying off
     */
    public ReplayDeliveryService(Optional<OperatorToken> operatorToken, DeliveryReplays replays,
                                 DeliveryMetrics metrics, Clock clock) {
        this.operatorToken = operatorToken;
        this.replays = replays;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public ReplayOutcome replay(String reference, String presentedToken) {
        ReplayOutcome outcome = authorizeAndReplay(reference, presentedToken);
        metrics.replay(outcome instanceof ReplayOutcome.Refused refused ? refused.refusal() : null);
        return outcome;
    }

    private ReplayOutcome authorizeAndReplay(String reference, String presentedToken) {
        if (operatorToken.isEmpty()) {
            return refuse(ReplayRefusal.REPLAY_DISABLED, "replaying deliveries is turned off because no operator "
                    + "token is configured; set " + TOKEN_VARIABLE + " (or slipway.ingestion.operator-token) to a "
                    + "secret of at least " + OperatorToken.MIN_LENGTH + " characters, restart ingestion, and send "
                    + "it as 'Authorization: Bearer <token>'");
        }
        OperatorToken token = operatorToken.get();
        if (presentedToken == null || presentedToken.isBlank()) {
            return refuse(ReplayRefusal.OPERATOR_TOKEN_MISSING, "replaying a delivery needs the operator token, "
                    + "sent as 'Authorization: Bearer <token>'");
        }
        if (!token.matches(presentedToken)) {
            return refuse(ReplayRefusal.OPERATOR_TOKEN_INVALID, "the bearer token is not the operator token; "
                    + "send the value of " + TOKEN_VARIABLE + " that ingestion runs with");
        }

        Optional<DeliveryReference> parsed = DeliveryReference.parse(reference);
        if (parsed.isEmpty()) {
            return refuse(ReplayRefusal.DELIVERY_NOT_FOUND, "'" + reference + "' does not name a delivery; name it as "
                    + "<provider>:<delivery id>, such as github:72d3162e-cc78-11e3-81ab-4c9367dc0958, with the "
                    + "deliveryId that the webhook's answer gave");
        }
        DeliveryReference delivery = parsed.get();
        Optional<StoredDelivery> found = replays.find(delivery.provider(), delivery.deliveryId());
        if (found.isEmpty()) {
            return refuse(ReplayRefusal.DELIVERY_NOT_FOUND, "no delivery " + delivery.deliveryId() + " from "
                    + delivery.provider() + " is stored; check the provider (github, gitea or gitlab) and the "
                    + "delivery id");
        }
        StoredDelivery stored = found.get();
        String notReplayable = switch (stored.verdict()) {
            case REJECTED -> "delivery " + delivery + " was rejected (" + stored.reason() + "), so it has no event to "
                    + "publish; fix what was wrong and have the git host deliver it again";
            case IGNORED -> "delivery " + delivery + " was ignored (" + stored.reason() + "), so it has no event to "
                    + "publish";
            case DUPLICATE -> throw new IllegalStateException("a stored delivery is never a duplicate");
            case ACCEPTED -> null;
        };
        if (notReplayable != null) {
            return refuse(ReplayRefusal.DELIVERY_NOT_REPLAYABLE, notReplayable);
        }

        return switch (replays.replay(stored, token.label(), clock.instant())) {
            case Replaying.Replayed replayed -> new ReplayOutcome.Replayed(replayed.replayId(), delivery.toString(),
                    stored.deliveryId(), stored.repositoryId(), stored.eventId(), replayed.eventId(),
                    replayed.replayedAt());
            case Replaying.EventUnavailable unavailable -> refuse(ReplayRefusal.DELIVERY_NOT_REPLAYABLE, "delivery "
                    + delivery + " was accepted, but its event cannot be published again: " + unavailable.reason());
        };
    }

    private static ReplayOutcome refuse(ReplayRefusal refusal, String problem) {
        return new ReplayOutcome.Refused(refusal, problem);
    }
}
