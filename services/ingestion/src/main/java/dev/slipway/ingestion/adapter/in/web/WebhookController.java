package dev.slipway.ingestion.adapter.in.web;

import dev.slipway.ingestion.application.port.in.DeliveryOutcome;
import dev.slipway.ingestion.application.port.in.ReceiveWebhook;
import dev.slipway.ingestion.application.port.in.WebhookDelivery;
import dev.slipway.ingestion.domain.BodyEncoding;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The git hosts' webhooks, as JSON or form-encoded: {@code POST /hooks/github}, {@code /hooks/gitea}
 * (Gitea and Forgejo) and {@code /hooks/gitlab}. Every endpoint answers alike: 202 once the
 * delivery is committed, 200 for a delivery id already received, and a problem detail for
 * everything refused. Only the headers differ, as {@link WebhookEndpoint} describes.
 */
@RestController
class WebhookController {

    private final ReceiveWebhook receiveWebhook;

    WebhookController(ReceiveWebhook receiveWebhook) {
        this.receiveWebhook = receiveWebhook;
    }

    @PostMapping("/hooks/github")
    ResponseEntity<?> github(HttpServletRequest request) {
        return receive(WebhookEndpoint.GITHUB, request);
    }

    @PostMapping("/hooks/gitea")
    ResponseEntity<?> gitea(HttpServletRequest request) {
        return receive(WebhookEndpoint.GITEA, request);
    }

    @PostMapping("/hooks/gitlab")
    ResponseEntity<?> gitlab(HttpServletRequest request) {
        return receive(WebhookEndpoint.GITLAB, request);
    }

    // The request is taken whole, not as @RequestBody: the body must be read raw and bounded (see
    // WebhookRequests), and the media type is checked here so that a refusal has its own problem type.
    private ResponseEntity<?> receive(WebhookEndpoint endpoint, HttpServletRequest request) {
        String provider = endpoint.provider();
        receiveWebhook.arrived(provider);
        BodyEncoding encoding = WebhookRequests.encodingOf(request, provider);
        WebhookRequests.checkDeclaredLength(request, provider);
        String eventName = WebhookRequests.requiredHeader(request, endpoint.eventHeaders(), provider);
        String deliveryId = WebhookRequests.requiredHeader(request, endpoint.deliveryHeaders(), provider);
        byte[] body = WebhookRequests.readBody(request, provider);
        DeliveryOutcome outcome = receiveWebhook.receive(new WebhookDelivery(provider, deliveryId, eventName,
                WebhookRequests.headersOf(request), body, encoding));
        return switch (outcome) {
            case DeliveryOutcome.Accepted accepted ->
                    ResponseEntity.status(HttpStatus.ACCEPTED).body(DeliveryResponse.of(accepted));
            case DeliveryOutcome.Ignored ignored ->
                    ResponseEntity.status(HttpStatus.ACCEPTED).body(DeliveryResponse.of(ignored));
            case DeliveryOutcome.Duplicate duplicate -> ResponseEntity.ok(DeliveryResponse.of(duplicate));
            case DeliveryOutcome.Rejected rejected -> WebhookProblems.refusal(rejected.rejection(), rejected.problem(),
                    endpoint.path(), rejected.deliveryId(), endpoint.challenge());
        };
    }
}
