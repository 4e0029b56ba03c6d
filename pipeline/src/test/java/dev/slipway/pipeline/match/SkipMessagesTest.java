package dev.slipway.pipeline.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.model.SkipRules;
import dev.slipway.pipeline.source.Location;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkipMessagesTest {

    private static final SkipRules DEFAULTS = SkipRules.defaults(Location.startOf("f.yml"));

    @Test
    void everyDefaultTokenSkipsInAnyCase() {
        // The six bracket and dash tokens are found anywhere in the message, whatever their case.
        for (String message : List.of("fix [skip ci]", "[CI SKIP] docs", "x [No Ci]", "[skip slipway]", "a --skip-ci b", "--CI-SKIP")) {
            assertThat(SkipMessages.tokenIn(message, DEFAULTS)).as(message).isPresent();
        }
    }

    @Test
    void theTrailerCountsOnlyOnALineOfItsOwn() {
        // `skip-checks: true` is a git trailer: a line by itself, spaces free, but not mid-sentence.
        assertThat(SkipMessages.tokenIn("Docs\n\nskip-checks: true", DEFAULTS)).contains(SkipRules.TRAILER);
        assertThat(SkipMessages.tokenIn("Docs\n\nSkip-Checks:true  \nSigned-off-by: a", DEFAULTS)).contains(SkipRules.TRAILER);
        assertThat(SkipMessages.tokenIn("we should set skip-checks: true someday", DEFAULTS)).isEmpty();
        assertThat(SkipMessages.tokenIn("skip-checks: false", DEFAULTS)).isEmpty();
    }

    @Test
    void wordsThatOnlyResembleATokenDoNotSkip() {
        // `skip ci` without brackets is ordinary prose.
        assertThat(SkipMessages.tokenIn("we skip ci for docs normally", DEFAULTS)).isEmpty();
        assertThat(SkipMessages.tokenIn("", DEFAULTS)).isEmpty();
    }
}
