package dev.slipway.ingestion.adapter.in.web;

import dev.slipway.ingestion.application.port.in.DeliveryOutcome;
import dev.slipway.ingestion.application.port.in.ReceiveWebhook;
import dev.slipway.ingestion.application.port.in.WebhookDelivery;
import dev.slipway.ingestion.domain.BodyEncoding;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The git hosts' webhooks, as JSON or form-encoded: {@code POST /hooks/github}, {@code /hooks/gitea}
 * (Gitea and Forgejo) and {@code /hooks/gitlab}. Every endpoint answers alike: 202 once the
 * delivery is committed, 200 for a delivery id already received, and a problem detail for
 * everything refused. Only the headers differ, as {@link WebhookEndpoint} describes.
 */
@RestController
class WebhookController {

    private final ReceiveWebhook receiveWebhook;
    private final ObjectWriter answers;

    WebhookController(ReceiveWebhook receiveWebhook, JsonMapper json) {
        this.receiveWebhook = receiveWebhook;
        this.answers = json.writerFor(DeliveryResponse.class);
    }

    @PostMapping("/hooks/github")
    ResponseEntity<?> github(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return receive(WebhookEndpoint.GITHUB, request, response);
    }

    @PostMapping("/hooks/gitea")
    ResponseEntity<?> gitea(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return receive(WebhookEndpoint.GITEA, request, response);
    }

    @PostMapping("/hooks/gitlab")
    ResponseEntity<?> gitlab(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return receive(WebhookEndpoint.GITLAB, request, response);
    }

    // The request is taken whole, not as @RequestBody: the body must be read raw and bounded (see
    // WebhookRequests), and the media type is checked here so that a refusal has its own problem type.
    //
    // A delivery taken (202) or seen before (200) is answered here, straight onto the response, and
    // the method returns null, which tells Spring MVC that the request is handled: the message
    // converters' negotiation took a sixth of a request thread's time for an answer that is always
    // the same small JSON object (docs/benchmarks.md). Refusals still go through ResponseEntity.
    private ResponseEntity<?> receive(WebhookEndpoint endpoint, HttpServletRequest request,
                                      HttpServletResponse response) throws IOException {
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
            case DeliveryOutcome.Accepted accepted -> answer(response, HttpStatus.ACCEPTED, DeliveryResponse.of(accepted));
            case DeliveryOutcome.Ignored ignored -> answer(response, HttpStatus.ACCEPTED, DeliveryResponse.of(ignored));
            case DeliveryOutcome.Duplicate duplicate -> answer(response, HttpStatus.OK, DeliveryResponse.of(duplicate));
            case DeliveryOutcome.Rejected rejected -> WebhookProblems.refusal(rejected.rejection(), rejected.problem(),
                    endpoint.path(), rejected.deliveryId(), endpoint.challenge());
        };
    }

    private ResponseEntity<?> answer(HttpServletResponse response, HttpStatus status, DeliveryResponse answer)
            throws IOException {
        byte[] json = answers.writeValueAsBytes(answer);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
        return null;
    }
}
