package dev.slipway.execution.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Masking a build's secret values in its output lines. */
class SecretMaskTest {

    @Test
    void masksEveryOccurrenceOfAValueInsideALine() {
        // Verifies that a value is replaced wherever it appears, as often as it appears.
        SecretMask mask = SecretMask.of(List.of("s3cr3t"));

        assertThat(mask.apply("curl -H 'Token: s3cr3t' https://x/?t=s3cr3t")).isEqualTo(
                "curl -H 'Token: ****' https://x/?t=****");
    }

    @Test
    void masksTheLongerOfTwoValuesThatOverlapWhole() {
        // Verifies longest first: a value containing another is masked whole, leaving nothing of it.
        SecretMask mask = SecretMask.of(List.of("abc", "abcdef"));

        assertThat(mask.apply("x abcdef y abc")).isEqualTo("x **** y ****");
    }

    @Test
    void masksEachLineOfAMultiLineValueWherePrinted() {
        // Verifies values of several lines, printed line by line: each long line is masked, inside other text too.
        SecretMask mask = SecretMask.of(List.of("-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END KEY-----\n"));

        assertThat(List.of("-----BEGIN KEY-----", "  MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "key: -----END KEY-----")
                .stream().map(mask::apply)).containsExactly("****", "  ****", "key: ****");
    }

    @Test
    void masksShortLinesOfAMultiLineValueOnlyWhereTheyAreTheWholeLine() {
        // Verifies that a JSON key's lone braces are hidden as whole lines without hiding every brace of the log.
        SecretMask mask = SecretMask.of(List.of("{\n  \"private_key\": \"k3y-v4lue\"\n}"));

        assertThat(mask.apply("}")).isEqualTo("****");
        assertThat(mask.apply("  {  ")).isEqualTo("****");
        assertThat(mask.apply("map{a}")).isEqualTo("map{a}");
        assertThat(mask.apply("  \"private_key\": \"k3y-v4lue\"")).isEqualTo("  ****");
    }

    @Test
    void ignoresBlankValuesAndChangesNothingWithoutValues() {
        // Verifies that an empty secret does not mask everything, and that no secrets means no change.
        SecretMask mask = SecretMask.of(List.of("", "  ", "\n"));

        assertThat(mask.isEmpty()).isTrue();
        assertThat(mask.apply("plain output")).isEqualTo("plain output");
        assertThat(SecretMask.none().apply("plain output")).isEqualTo("plain output");
    }

    @Test
    void masksValuesWithRegularExpressionCharactersLiterally() {
        // Verifies that values are matched as text: dots, stars and dollars are not patterns.
        SecretMask mask = SecretMask.of(List.of("p@ss.w*rd$1"));

        assertThat(mask.apply("login p@ss.w*rd$1 ok; p@ssXw*rd$1")).isEqualTo("login **** ok; p@ssXw*rd$1");
    }
}
