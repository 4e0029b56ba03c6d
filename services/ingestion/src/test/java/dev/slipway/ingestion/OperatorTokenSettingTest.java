package dev.slipway.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ingestion.application.ReplayDeliveryService;
import dev.slipway.ingestion.application.port.in.ReplayOutcome;
import dev.slipway.ingestion.application.port.out.DeliveryMetrics;
import dev.slipway.ingestion.application.port.out.DeliveryReplays;
import dev.slipway.ingestion.domain.Rejection;
import dev.slipway.ingestion.domain.ReplayRefusal;
import dev.slipway.ingestion.domain.Verdict;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** How the configured operator token becomes the replay use case's setting, at start-up. */
class OperatorTokenSettingTest {

    private static final DeliveryMetrics UNCOUNTED = new DeliveryMetrics() {
        @Override
        public void received(String provider) {
        }

        @Override
        public void count(String provider, Verdict verdict, Rejection rejection) {
        }

        @Override
        public void unavailable(String provider) {
        }

        @Override
        public void replay(ReplayRefusal refusal) {
        }
    };

    @Test
    void stopsTheServiceOnATokenTooShortToBeSafeNamingTheVariable() {
        // Verifies that a short operator token fails start-up with a message naming SLIPWAY_OPERATOR_TOKEN.
        assertThatThrownBy(() -> replayService(new OperatorProperties("too-short", null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SLIPWAY_OPERATOR_TOKEN").hasMessageContaining("16");
    }

    @Test
    void turnsReplayingOffWhenTheTokenIsUnsetOrBlank() {
        // Verifies that no token, or a blank one as the empty environment variable gives, means replay-disabled.
        for (OperatorProperties properties : new OperatorProperties[] {
                new OperatorProperties(null, null), new OperatorProperties("  ", "ops")}) {
            ReplayOutcome outcome = replayService(properties).replay("github:d-1", "any token at all");

            assertThat(outcome).isInstanceOfSatisfying(ReplayOutcome.Refused.class,
                    refused -> assertThat(refused.refusal()).isEqualTo(ReplayRefusal.REPLAY_DISABLED));
        }
    }

    private static ReplayDeliveryService replayService(OperatorProperties properties) {
        DeliveryReplays unused = null;
        return new IngestionConfiguration().replayDelivery(properties, unused, UNCOUNTED, Clock.systemUTC());
    }
}
