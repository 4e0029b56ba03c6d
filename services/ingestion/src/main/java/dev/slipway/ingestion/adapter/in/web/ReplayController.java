package dev.slipway.ingestion.adapter.in.web;

import dev.slipway.ingestion.application.port.in.ReplayDelivery;
import dev.slipway.ingestion.application.port.in.ReplayOutcome;
import dev.slipway.ingestion.application.port.out.DeliveryStoreUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /hooks/deliveries/{id}/replay}, for operators: publishes a stored delivery's event
 * again. {@code id} is {@code <provider>:<delivery id>}, such as
 * {@code github:72d3162e-cc78-11e3-81ab-4c9367dc0958}; the operator token comes as
 * {@code Authorization: Bearer <token>}. Answers 202 with the new event id once the replay is
 * committed, and a problem detail for every refusal.
 */
@RestController
class ReplayController {

    private static final Logger log = LoggerFactory.getLogger(ReplayController.class);
    private static final String BEARER = "bearer ";

    private final ReplayDelivery replayDelivery;

    ReplayController(ReplayDelivery replayDelivery) {
        this.replayDelivery = replayDelivery;
    }

    @PostMapping("/hooks/deliveries/{id}/replay")
    ResponseEntity<?> replay(@PathVariable String id, HttpServletRequest request) {
        return switch (replayDelivery.replay(id, bearerToken(request))) {
            case ReplayOutcome.Replayed replayed -> {
                log.info("delivery {} replayed as event {} (replay {})", replayed.delivery(), replayed.eventId(),
                        replayed.replayId());
                yield ResponseEntity.status(HttpStatus.ACCEPTED).body(ReplayResponse.of(replayed));
            }
            case ReplayOutcome.Refused refused ->
                    WebhookProblems.refusal(refused.refusal(), refused.problem(), request.getRequestURI());
        };
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> storeUnavailable(DeliveryStoreUnavailableException failure,
                                                   HttpServletRequest request) {
        log.warn("replay answered 503: {}", failure.getMessage());
        return unavailable(request);
    }

    /** Safety net: a database failure that escaped the replays' translation is still a 503. */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> databaseFailure(RuntimeException failure, HttpServletRequest request) {
        log.warn("replay answered 503 after a database failure", failure);
        return unavailable(request);
    }

    private static ResponseEntity<ProblemDetail> unavailable(HttpServletRequest request) {
        return WebhookProblems.databaseUnavailable(request.getRequestURI(), "nothing was replayed because Slipway's "
                + "database is unavailable; ask again in a little while");
    }

    /**
     * The token of an {@code Authorization: Bearer} header; {@code null} when there is none, or
     * when it uses another scheme, which is answered as a missing token with the bearer challenge.
     */
    private static String bearerToken(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).strip();
        return token.isEmpty() ? null : token;
    }
}
