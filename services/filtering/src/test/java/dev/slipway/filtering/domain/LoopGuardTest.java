package dev.slipway.filtering.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which fact attributes a tag to Slipway, and the words of each decision. */
class LoopGuardTest {

    private static final UUID ID = UUID.fromString("7f0c2f9e-4a43-4b1e-9d55-5a0d1b7cbb11");
    private static final LoopGuard.BuildRef BUILD_41 = new LoopGuard.BuildRef(ID, 41);

    @Test
    void anIntendedReleaseNamesTheBuildInTheIssuesWords() {
        // The strongest fact, and the sentence of issue 5 with the build id added.
        Optional<LoopGuard.OwnRelease> own = LoopGuard.attribute(new LoopGuard.Facts("v1.4.0", "ada", Optional.empty(),
                Optional.of(BUILD_41), Optional.empty(), Optional.empty()));

        assertThat(own).map(LoopGuard.OwnRelease::evidence).contains(LoopGuard.Evidence.INTENDED);
        assertThat(own.orElseThrow().reason()).isEqualTo("skipped: tag v1.4.0 was created by Slipway's release for "
                + "build #41 (" + ID + ") (loop guard)");
    }

    @Test
    void aMarkerWhoseBuildFilteringNeverNumberedNamesItById() {
        // The notes' marker names a build that this filtering did not request: its id is all that can be said.
        LoopGuard.OwnRelease own = LoopGuard.attribute(new LoopGuard.Facts("v1.4.0", null, Optional.empty(),
                Optional.empty(), Optional.of(new LoopGuard.BuildRef(ID, 0)), Optional.empty())).orElseThrow();

        assertThat(own.reason()).isEqualTo("skipped: tag v1.4.0 was created by Slipway's release for build " + ID
                + ", as the marker in its release notes says (loop guard)");
    }

    @Test
    void theReleaseIdentityAttributesCaseInsensitivelyAndAnyoneElseDoesNot() {
        // Logins are compared as the hosts compare them; another sender, or no identity declared, is not Slipway.
        LoopGuard.Facts bot = new LoopGuard.Facts("v2", "Slipway-Bot", Optional.of("slipway-bot"), Optional.empty(),
                Optional.empty(), Optional.of(BUILD_41));

        assertThat(LoopGuard.attribute(bot)).map(LoopGuard.OwnRelease::evidence).contains(LoopGuard.Evidence.SENDER);
        assertThat(LoopGuard.attribute(new LoopGuard.Facts("v2", "ada", Optional.of("slipway-bot"), Optional.empty(),
                Optional.empty(), Optional.of(BUILD_41)))).isEmpty();
        assertThat(LoopGuard.attribute(new LoopGuard.Facts("v2", "slipway-bot", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(BUILD_41)))).as("a planned tag alone is no proof").isEmpty();
        assertThat(LoopGuard.attribute(new LoopGuard.Facts("v2", null, Optional.of("slipway-bot"), Optional.empty(),
                Optional.empty(), Optional.empty()))).as("GitLab sends no sender").isEmpty();
    }
}
