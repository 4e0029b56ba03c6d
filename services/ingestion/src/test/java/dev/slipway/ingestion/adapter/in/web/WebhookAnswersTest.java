package dev.slipway.ingestion.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.slipway.ingestion.application.port.in.DeliveryOutcome;
import dev.slipway.ingestion.application.port.in.ReceiveWebhook;
import dev.slipway.ingestion.application.port.in.WebhookDelivery;
import dev.slipway.ingestion.application.port.out.DeliveryNotStorableException;
import dev.slipway.ingestion.application.port.out.DeliveryStoreUnavailableException;
import dev.slipway.ingestion.domain.Rejection;
import dev.slipway.ingestion.domain.Verdict;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the webhook endpoint answers each outcome and failure of the use case, with the controller
 * and its advice alone (no Spring context). The use case is scripted per test; the real one, with
 * the real database and broker, is exercised by the service tests.
 */
class WebhookAnswersTest {

    @Test
    void answersAnAcceptedDeliveryWith202AndWhatBecameOfIt() throws Exception {
        // Verifies the answer written straight onto the response: 202, JSON, every field, the time in ISO-8601.
        UUID eventId = UUID.fromString("0b7f3c1e-2d4a-4f5e-9a6b-7c8d9e0f1a2b");
        post(delivery -> new DeliveryOutcome.Accepted(delivery.deliveryId(), "github:team/app", eventId,
                Instant.parse("2026-11-29T17:00:00.123Z")))
                .andExpect(status().isAccepted())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.deliveryId").value("72d3162e-cc78-11e3-81ab-4c9367dc0958"))
                .andExpect(jsonPath("$.verdict").value("accepted"))
                .andExpect(jsonPath("$.repositoryId").value("github:team/app"))
                .andExpect(jsonPath("$.eventId").value(eventId.toString()))
                .andExpect(jsonPath("$.receivedAt").value("2026-11-29T17:00:00.123Z"));
    }

    @Test
    void answersARepeatedDeliveryWith200AndTheFirstDeliverysOutcome() throws Exception {
        // Verifies the duplicate's answer: 200, the original verdict and event, and a reason that says nothing ran.
        UUID eventId = UUID.fromString("0b7f3c1e-2d4a-4f5e-9a6b-7c8d9e0f1a2b");
        post(delivery -> new DeliveryOutcome.Duplicate(delivery.deliveryId(), "github:team/app", Verdict.ACCEPTED,
                null, Instant.parse("2026-11-29T17:00:00Z"), eventId))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.verdict").value("duplicate"))
                .andExpect(jsonPath("$.originalVerdict").value("accepted"))
                .andExpect(jsonPath("$.eventId").value(eventId.toString()))
                .andExpect(jsonPath("$.reason").value(containsString(
                        "nothing was stored or published again")));
    }

    @Test
    void answers503WithRetryAfterWhenTheDeliveryLogCannotStore() throws Exception {
        // Verifies that a delivery that could not be stored gets 503, Retry-After and a database-unavailable problem.
        post(delivery -> {
            throw new DeliveryStoreUnavailableException("connection refused", null);
        }).andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "10"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://slipway.dev/problems/database-unavailable"))
                .andExpect(jsonPath("$.status").value(503));
    }

    @Test
    void answers500WithoutRetryAfterWhenTheDatabaseRefusesTheDelivery() throws Exception {
        // Verifies that a delivery the database refuses is a 500 problem, not a 503 the host would retry for ever.
        post(delivery -> {
            throw new DeliveryNotStorableException("value too long for type character varying(200)", null);
        }).andExpect(status().isInternalServerError())
                .andExpect(header().doesNotExist("Retry-After"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://slipway.dev/problems/delivery-not-storable"))
                .andExpect(jsonPath("$.status").value(500));
    }

    @Test
    void answers503ForADatabaseFailureThatEscapedTheDeliveryLog() throws Exception {
        // Verifies the safety net: Spring's connection and transaction failures are 503 too, never 500 or 202.
        post(delivery -> {
            throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection");
        }).andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "10"))
                .andExpect(jsonPath("$.type").value("https://slipway.dev/problems/database-unavailable"));
        post(delivery -> {
            throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction");
        }).andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.type").value("https://slipway.dev/problems/database-unavailable"));
    }

    @ParameterizedTest
    @EnumSource(value = Rejection.class, names = {"MALFORMED_JSON", "MALFORMED_PAYLOAD", "UNKNOWN_REPOSITORY",
            "BAD_SIGNATURE"})
    void answersEachRejectionWithItsStatusAndProblemType(Rejection rejection) throws Exception {
        // Verifies that a rejected delivery is answered with the rejection's status, problem type and the delivery id.
        post(delivery -> new DeliveryOutcome.Rejected(delivery.deliveryId(), null, rejection, "what was wrong"))
                .andExpect(status().is(WebhookProblems.statusOf(rejection).value()))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://slipway.dev/problems/" + rejection.slug()))
                .andExpect(jsonPath("$.detail").value("what was wrong"))
                .andExpect(jsonPath("$.instance").value("/hooks/github"));
    }

    @Test
    void readsForgejosHeadersOnTheGiteaEndpointAndHandsTheDeliveryToTheGiteaProvider() throws Exception {
        // Verifies that /hooks/gitea takes the event and delivery id from X-Forgejo-* when X-Gitea-* are absent.
        AtomicReference<WebhookDelivery> received = new AtomicReference<>();
        mvc(delivery -> {
            received.set(delivery);
            return new DeliveryOutcome.Rejected(delivery.deliveryId(), null, Rejection.BAD_SIGNATURE, "wrong secret");
        }).perform(MockMvcRequestBuilders.post("/hooks/gitea")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("X-Forgejo-Event", "push")
                        .header("X-Forgejo-Delivery", "f0e1")
                        .content("{}"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "HMAC-SHA256 header=\"X-Gitea-Signature\""))
                .andExpect(jsonPath("$.instance").value("/hooks/gitea"));

        assertThat(received.get().provider()).isEqualTo("gitea");
        assertThat(received.get().eventName()).isEqualTo("push");
        assertThat(received.get().deliveryId()).isEqualTo("f0e1");
    }

    @Test
    void challengesA401OnTheGitLabEndpointForItsTokenAndRefusesADeliveryWithoutAnId() throws Exception {
        // Verifies GitLab's 401 challenge names X-Gitlab-Token, and that a request with no delivery UUID is a 400.
        MockMvc mvc = mvc(delivery ->
                new DeliveryOutcome.Rejected(delivery.deliveryId(), null, Rejection.BAD_SIGNATURE, "wrong token"));

        mvc.perform(MockMvcRequestBuilders.post("/hooks/gitlab")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("X-Gitlab-Event", "Push Hook")
                        .header("X-Gitlab-Webhook-UUID", "b2c3")
                        .content("{}"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Token header=\"X-Gitlab-Token\""))
                .andExpect(jsonPath("$.deliveryId").value("b2c3"));
        mvc.perform(MockMvcRequestBuilders.post("/hooks/gitlab")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("X-Gitlab-Event", "Push Hook")
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://slipway.dev/problems/missing-header"));
    }

    private static MockMvc mvc(Function<WebhookDelivery, DeliveryOutcome> outcome) {
        ReceiveWebhook useCase = new ReceiveWebhook() {
            @Override
            public void arrived(String provider) {
            }

            @Override
            public DeliveryOutcome receive(WebhookDelivery delivery) {
                return outcome.apply(delivery);
            }

            @Override
            public void refused(String provider, Rejection rejection) {
            }
        };
        return MockMvcBuilders.standaloneSetup(new WebhookController(useCase, JsonMapper.builder().build()))
                .setControllerAdvice(new WebhookExceptionHandler(useCase))
                .build();
    }

    private static ResultActions post(Function<WebhookDelivery, DeliveryOutcome> outcome) throws Exception {
        MockMvc mvc = mvc(outcome);
        return mvc.perform(MockMvcRequestBuilders.post("/hooks/github")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
                .content("{}"));
    }
}
