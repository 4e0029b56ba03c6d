package dev.slipway.ingestion.adapter.in.web;

import dev.slipway.ingestion.application.port.in.DeliveryOutcome;
import dev.slipway.ingestion.application.port.in.ReceiveWebhook;
import dev.slipway.ingestion.application.port.in.WebhookDelivery;
import dev.slipway.ingestion.domain.BodyEncoding;
import dev.slipway.ingestion.domain.GitHubWebhookParser;
import dev.slipway.ingestion.domain.GitHubWebhooks;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /hooks/github}: GitHub's webhooks, as JSON or form-encoded. Answers 202 once the
 * delivery is committed, 200 for a delivery id already received, and a problem detail for
 * everything refused.
 */
@RestController
class GitHubWebhookController {

    static final String PATH = "/hooks/github";
    private static final String PROVIDER = GitHubWebhookParser.PROVIDER;

    private final ReceiveWebhook receiveWebhook;

    GitHubWebhookController(ReceiveWebhook receiveWebhook) {
        this.receiveWebhook = receiveWebhook;
    }

    // The request is taken whole, not as @RequestBody: the body must be read raw and bounded (see
    // WebhookRequests), and the media type is checked here so that a refusal has its own problem type.
    @PostMapping(PATH)
    ResponseEntity<?> receive(HttpServletRequest request) {
        BodyEncoding encoding = WebhookRequests.encodingOf(request, PROVIDER);
        WebhookRequests.checkDeclaredLength(request, PROVIDER);
        String eventName = WebhookRequests.requiredHeader(request, GitHubWebhooks.EVENT_HEADER, PROVIDER);
        String deliveryId = WebhookRequests.requiredHeader(request, GitHubWebhooks.DELIVERY_HEADER, PROVIDER);
        byte[] body = WebhookRequests.readBody(request, PROVIDER);
        DeliveryOutcome outcome = receiveWebhook.receive(new WebhookDelivery(PROVIDER, deliveryId, eventName,
                WebhookRequests.headersOf(request), body, encoding));
        return switch (outcome) {
            case DeliveryOutcome.Accepted accepted ->
                    ResponseEntity.status(HttpStatus.ACCEPTED).body(DeliveryResponse.of(accepted));
            case DeliveryOutcome.Ignored ignored ->
                    ResponseEntity.status(HttpStatus.ACCEPTED).body(DeliveryResponse.of(ignored));
            case DeliveryOutcome.Duplicate duplicate -> ResponseEntity.ok(DeliveryResponse.of(duplicate));
            case DeliveryOutcome.Rejected rejected ->
                    WebhookProblems.refusal(rejected.rejection(), rejected.problem(), PATH, rejected.deliveryId());
        };
    }
}
