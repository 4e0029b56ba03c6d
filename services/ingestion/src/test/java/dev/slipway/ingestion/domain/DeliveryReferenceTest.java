package dev.slipway.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How an operator's {@code <provider>:<delivery id>} is read. */
class DeliveryReferenceTest {

    @Test
    void splitsAtTheFirstColonSoThatADeliveryIdMayContainMore() {
        // Verifies that the provider is what comes before the first colon, and the rest is the delivery id.
        assertThat(DeliveryReference.parse("github:72d3162e-cc78-11e3-81ab-4c9367dc0958"))
                .contains(new DeliveryReference("github", "72d3162e-cc78-11e3-81ab-4c9367dc0958"));
        assertThat(DeliveryReference.parse("gitlab:a:b")).contains(new DeliveryReference("gitlab", "a:b"));
        assertThat(new DeliveryReference("gitea", "f0e1")).hasToString("gitea:f0e1");
    }

    @Test
    void readsNothingFromAReferenceWithoutAProviderOrADeliveryId() {
        // Verifies that a bare delivery id, an empty part or nothing at all names no delivery.
        assertThat(DeliveryReference.parse("72d3162e")).isEqualTo(Optional.empty());
        assertThat(DeliveryReference.parse(":72d3162e")).isEmpty();
        assertThat(DeliveryReference.parse("github:")).isEmpty();
        assertThat(DeliveryReference.parse("github: ")).isEmpty();
        assertThat(DeliveryReference.parse("")).isEmpty();
        assertThat(DeliveryReference.parse(null)).isEmpty();
    }
}
