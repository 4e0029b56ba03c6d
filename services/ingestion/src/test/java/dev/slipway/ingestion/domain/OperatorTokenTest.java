package dev.slipway.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The operator token: what it accepts, what it refuses to be, and what it never shows. */
class OperatorTokenTest {

    private static final String VALUE = "c2f6a1e0b9d84c7f";

    @Test
    void matchesExactlyItsOwnValue() {
        // Verifies that only the configured value matches; a prefix, an extension or another case does not.
        OperatorToken token = OperatorToken.of(VALUE, null);

        assertThat(token.matches(VALUE)).isTrue();
        assertThat(token.matches(VALUE.substring(0, 15))).isFalse();
        assertThat(token.matches(VALUE + "0")).isFalse();
        assertThat(token.matches(VALUE.toUpperCase())).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void refusesATokenShorterThanSixteenCharacters() {
        // Verifies that a guessable token is refused with a message that says how to make a good one.
        assertThatThrownBy(() -> OperatorToken.of("short", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16").hasMessageContaining("openssl rand");
        assertThatThrownBy(() -> OperatorToken.of(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsItsLabelAndHidesItsValue() {
        // Verifies that the label is kept for the audit trail, a blank one is none, and toString never shows the value.
        OperatorToken labelled = OperatorToken.of(VALUE, " ops-team ");

        assertThat(labelled.label()).isEqualTo("ops-team");
        assertThat(OperatorToken.of(VALUE, " ").label()).isNull();
        assertThat(labelled.toString()).doesNotContain(VALUE).contains("ops-team");
    }
}
