package dev.slipway.ingestion.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.slipway.ingestion.application.port.in.DeliveryOutcome;
import dev.slipway.ingestion.application.port.in.ReceiveWebhook;
import dev.slipway.ingestion.application.port.in.ReplayDelivery;
import dev.slipway.ingestion.application.port.in.ReplayOutcome;
import dev.slipway.ingestion.application.port.in.WebhookDelivery;
import dev.slipway.ingestion.application.port.out.DeliveryStoreUnavailableException;
import dev.slipway.ingestion.domain.Rejection;
import dev.slipway.ingestion.domain.ReplayRefusal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * How the replay endpoint reads its request and answers each outcome, with the controller and the
 * webhook advice alone (no Spring context). The use case is scripted per test; the real one runs
 * against the real database and broker in {@code ReplayServiceTest}.
 */
class ReplayAnswersTest {

    private static final String PATH = "/hooks/deliveries/github:72d3162e/replay";

    private final List<String> asked = new ArrayList<>();

    @Test
    void answers202WithTheReplayAndHandsOverTheReferenceAndTheBearerToken() throws Exception {
        // Verifies that the path's reference and the bearer token reach the use case, and a replay is a 202 with its ids.
        UUID original = UUID.randomUUID();
        UUID replayed = UUID.randomUUID();
        MockMvc mvc = mvc((reference, token) -> new ReplayOutcome.Replayed(42, reference, "72d3162e", "github:acme/app",
                original, replayed, Instant.parse("2026-02-01T09:30:00Z")));

        mvc.perform(MockMvcRequestBuilders.post(PATH).header("Authorization", "Bearer the-token "))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.replayId").value(42))
                .andExpect(jsonPath("$.delivery").value("github:72d3162e"))
                .andExpect(jsonPath("$.deliveryId").value("72d3162e"))
                .andExpect(jsonPath("$.repositoryId").value("github:acme/app"))
                .andExpect(jsonPath("$.originalEventId").value(original.toString()))
                .andExpect(jsonPath("$.eventId").value(replayed.toString()))
                .andExpect(jsonPath("$.replayedAt").value("2026-02-01T09:30:00Z"));

        assertThat(asked).containsExactly("github:72d3162e with the-token");
    }

    @Test
    void handsOverNoTokenForAMissingHeaderOrAnotherScheme() throws Exception {
        // Verifies that only an Authorization: Bearer header carries a token, in any case of the scheme's name.
        MockMvc mvc = mvc((reference, token) -> new ReplayOutcome.Refused(ReplayRefusal.OPERATOR_TOKEN_MISSING, "no"));

        mvc.perform(MockMvcRequestBuilders.post(PATH));
        mvc.perform(MockMvcRequestBuilders.post(PATH).header("Authorization", "Basic dXNlcjpwYXNz"));
        mvc.perform(MockMvcRequestBuilders.post(PATH).header("Authorization", "Bearer "));
        mvc.perform(MockMvcRequestBuilders.post(PATH).header("Authorization", "bearer lower-case"));

        assertThat(asked).containsExactly("github:72d3162e with null", "github:72d3162e with null",
                "github:72d3162e with null", "github:72d3162e with lower-case");
    }

    @ParameterizedTest
    @EnumSource(ReplayRefusal.class)
    void answersEachRefusalWithItsStatusAndProblemType(ReplayRefusal refusal) throws Exception {
        // Verifies each refusal's status and type, and that only the 401 carries the Bearer challenge.
        MockMvc mvc = mvc((reference, token) -> new ReplayOutcome.Refused(refusal, "what was wrong"));

        var answer = mvc.perform(MockMvcRequestBuilders.post(PATH))
                .andExpect(status().is(WebhookProblems.statusOf(refusal).value()))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://slipway.dev/problems/" + refusal.slug()))
                .andExpect(jsonPath("$.detail").value("what was wrong"))
                .andExpect(jsonPath("$.instance").value(PATH));
        if (refusal == ReplayRefusal.OPERATOR_TOKEN_MISSING) {
            answer.andExpect(status().isUnauthorized())
                    .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"slipway-operator\""));
        } else {
            answer.andExpect(header().doesNotExist("WWW-Authenticate"));
        }
    }

    @Test
    void answers503WithRetryAfterWhenTheDatabaseIsUnavailable() throws Exception {
        // Verifies that a replay that cannot reach the database is a 503 that says nothing was replayed.
        MockMvc mvc = mvc((reference, token) -> {
            throw new DeliveryStoreUnavailableException("connection refused", null);
        });

        mvc.perform(MockMvcRequestBuilders.post(PATH).header("Authorization", "Bearer t"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "10"))
                .andExpect(jsonPath("$.type").value("https://slipway.dev/problems/database-unavailable"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("nothing was replayed")));
    }

    private MockMvc mvc(ReplayDelivery outcome) {
        ReplayDelivery recording = (reference, token) -> {
            asked.add(reference + " with " + token);
            return outcome.replay(reference, token);
        };
        return MockMvcBuilders.standaloneSetup(new ReplayController(recording))
                .setControllerAdvice(new WebhookExceptionHandler(new UnusedReceiveWebhook()))
                .build();
    }

    /** The webhook use case, which the replay endpoint never calls. */
    private static final class UnusedReceiveWebhook implements ReceiveWebhook {
        @Override
        public void arrived(String provider) {
            throw new AssertionError("the replay endpoint counted a webhook request");
        }

        @Override
        public DeliveryOutcome receive(WebhookDelivery delivery) {
            throw new AssertionError("the replay endpoint received a webhook");
        }

        @Override
        public void refused(String provider, Rejection rejection) {
            throw new AssertionError("the replay endpoint refused a webhook");
        }
    }
}
