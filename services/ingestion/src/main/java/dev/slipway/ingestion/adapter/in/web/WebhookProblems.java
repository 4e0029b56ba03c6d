package dev.slipway.ingestion.adapter.in.web;

import dev.slipway.ingestion.domain.Rejection;
import dev.slipway.ingestion.domain.ReplayRefusal;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** RFC 9457 problem details for refused webhook and replay requests, one {@code type} per reason. */
final class WebhookProblems {

    /** The base of every problem type URI. */
    static final String TYPE_BASE = "https://slipway.dev/problems/";
    /** The problem type of a delivery that could not be stored. */
    static final String DATABASE_UNAVAILABLE = "database-unavailable";

    static final String DELIVERY_NOT_STORABLE = "delivery-not-storable";
    /** How long a sender should wait before delivering again when the database is unavailable. */
    static final int RETRY_AFTER_SECONDS = 10;
    /** The challenge sent with a 401 to a replay without the operator token (RFC 6750). */
    static final String OPERATOR_CHALLENGE = "Bearer realm=\"slipway-operator\"";

    private WebhookProblems() {
    }

    /**
     * The answer to a request refused for {@code rejection}.
     *
     * @param challenge the {@code WWW-Authenticate} value sent with a 401, naming how the provider authenticates
     */
    static ResponseEntity<ProblemDetail> refusal(Rejection rejection, String detail, String instance,
                                                 String deliveryId, String challenge) {
        HttpStatus status = statusOf(rejection);
        ProblemDetail problem = problem(status, rejection.slug(), titleOf(rejection), detail, instance);
        if (deliveryId != null) {
            problem.setProperty("deliveryId", deliveryId);
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED && challenge != null) {
            // RFC 9110 requires a challenge with every 401; this one names the header to authenticate with.
            answer.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        return answer.body(problem);
    }

    /** The answer to a replay refused for {@code refusal}; a 401 carries the bearer challenge. */
    static ResponseEntity<ProblemDetail> refusal(ReplayRefusal refusal, String detail, String instance) {
        HttpStatus status = statusOf(refusal);
        ProblemDetail problem = problem(status, refusal.slug(), titleOf(refusal), detail, instance);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, OPERATOR_CHALLENGE);
        }
        return answer.body(problem);
    }

    /** The answer to a delivery that could not be stored: 503, to be delivered again later. */
    static ResponseEntity<ProblemDetail> databaseUnavailable(String instance) {
        return databaseUnavailable(instance, "the delivery could not be stored because Slipway's database is "
                + "unavailable, so it was not accepted; deliver it again in a little while");
    }

    /**
     * The answer to a delivery that the database refused to store although it was available: 500, a
     * fault of Slipway's, without {@code Retry-After}, since sending it again would fail again.
     */
    static ResponseEntity<ProblemDetail> deliveryNotStorable(String instance) {
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, DELIVERY_NOT_STORABLE,
                "Delivery not storable", "Slipway's database refused to store this delivery, so it was not "
                        + "accepted; this is a fault of Slipway's, logged for its operators, and delivering it "
                        + "again will not help", instance);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** A 503 with {@code Retry-After}, for a request that needed the database while it was unavailable. */
    static ResponseEntity<ProblemDetail> databaseUnavailable(String instance, String detail) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE, "Database unavailable",
                detail, instance);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    static HttpStatus statusOf(Rejection rejection) {
        return switch (rejection) {
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case PAYLOAD_TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNREADABLE_BODY, MISSING_HEADER, MALFORMED_JSON, MALFORMED_PAYLOAD -> HttpStatus.BAD_REQUEST;
            case UNKNOWN_REPOSITORY -> HttpStatus.NOT_FOUND;
            case BAD_SIGNATURE -> HttpStatus.UNAUTHORIZED;
        };
    }

    static HttpStatus statusOf(ReplayRefusal refusal) {
        return switch (refusal) {
            // Forbidden rather than 404: the endpoint exists, and no credential makes a difference until it is enabled.
            case REPLAY_DISABLED, OPERATOR_TOKEN_INVALID -> HttpStatus.FORBIDDEN;
            case OPERATOR_TOKEN_MISSING -> HttpStatus.UNAUTHORIZED;
            case DELIVERY_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case DELIVERY_NOT_REPLAYABLE -> HttpStatus.CONFLICT;
        };
    }

    private static String titleOf(ReplayRefusal refusal) {
        return switch (refusal) {
            case REPLAY_DISABLED -> "Replay disabled";
            case OPERATOR_TOKEN_MISSING -> "Operator token missing";
            case OPERATOR_TOKEN_INVALID -> "Operator token invalid";
            case DELIVERY_NOT_FOUND -> "Delivery not found";
            case DELIVERY_NOT_REPLAYABLE -> "Delivery not replayable";
        };
    }

    private static String titleOf(Rejection rejection) {
        return switch (rejection) {
            case UNSUPPORTED_MEDIA_TYPE -> "Unsupported media type";
            case PAYLOAD_TOO_LARGE -> "Payload too large";
            case UNREADABLE_BODY -> "Unreadable body";
            case MISSING_HEADER -> "Missing header";
            case MALFORMED_JSON -> "Malformed JSON";
            case MALFORMED_PAYLOAD -> "Malformed payload";
            case UNKNOWN_REPOSITORY -> "Unknown repository";
            case BAD_SIGNATURE -> "Bad signature";
        };
    }

    private static ProblemDetail problem(HttpStatus status, String slug, String title, String detail, String instance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + slug));
        problem.setTitle(title);
        problem.setInstance(URI.create(instance));
        return problem;
    }
}
