package dev.slipway.ingestion.adapter.in.web;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.slipway.ingestion.application.port.in.DeliveryOutcome;
import dev.slipway.ingestion.application.port.in.ReceiveWebhook;
import dev.slipway.ingestion.application.port.in.WebhookDelivery;
import dev.slipway.ingestion.application.port.out.DeliveryStoreUnavailableException;
import dev.slipway.ingestion.domain.Rejection;
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

/**
 * How the webhook endpoint answers each outcome and failure of the use case, with the controller
 * and its advice alone (no Spring context). The use case is scripted per test; the real one, with
 * the real database and broker, is exercised by the service tests.
 */
class WebhookAnswersTest {

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

    private static ResultActions post(Function<WebhookDelivery, DeliveryOutcome> outcome) throws Exception {
        ReceiveWebhook useCase = new ReceiveWebhook() {
            @Override
            public DeliveryOutcome receive(WebhookDelivery delivery) {
                return outcome.apply(delivery);
            }

            @Override
            public void refused(String provider, Rejection rejection) {
            }
        };
        MockMvc mvc = MockMvcBuilders.standaloneSetup(new GitHubWebhookController(useCase))
                .setControllerAdvice(new WebhookExceptionHandler(useCase))
                .build();
        return mvc.perform(MockMvcRequestBuilders.post("/hooks/github")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
                .content("{}"));
    }
}
