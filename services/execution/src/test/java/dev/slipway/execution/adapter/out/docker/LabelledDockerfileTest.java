package dev.slipway.execution.adapter.out.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelledDockerfileTest {

    private static final Map<String, String> LABELS = Map.of(
            "dev.slipway.build", "0b6c1c56-6f0e-4f43-9d51-0f2f4d1d2a11",
            "dev.slipway.commit", "3f786850e387550fdab836ed7e6dc881de23001b",
            "dev.slipway.step", "build app");

    @Test
    void appendsOneLabelInstructionToTheLastStage() {
        // Verifies the common case: the text is kept as it is, and one LABEL with every label, sorted, comes last.
        var labelled = LabelledDockerfile.of("FROM busybox AS builder\nRUN true\nFROM busybox\nCOPY --from=builder / /x",
                null, LABELS);

        assertThat(labelled).contains(new LabelledDockerfile.Labelled("""
                FROM busybox AS builder
                RUN true
                FROM busybox
                COPY --from=builder / /x
                LABEL "dev.slipway.build"="0b6c1c56-6f0e-4f43-9d51-0f2f4d1d2a11" \
                "dev.slipway.commit"="3f786850e387550fdab836ed7e6dc881de23001b" "dev.slipway.step"="build app"
                """, null));
    }

    @Test
    void aimsATargetedBuildAtAStageRightAfterTheTarget() {
        // Verifies a build with a target: a stage from the target (named case-insensitively) carries the labels, and
        // it comes before the next stage, so that the engine builds no stage that the target alone would not.
        var labelled = LabelledDockerfile.of("FROM busybox AS Builder\nRUN true\n\nfrom busybox AS runtime\nRUN false\n",
                "builder", Map.of("dev.slipway.step", "build app"));

        assertThat(labelled).contains(new LabelledDockerfile.Labelled("""
                FROM busybox AS Builder
                RUN true

                FROM builder AS slipway-labelled
                LABEL "dev.slipway.step"="build app"
                from busybox AS runtime
                RUN false
                """, "slipway-labelled"));
        assertThat(LabelledDockerfile.of("FROM busybox AS a\nFROM busybox AS b", "b", Map.of("k", "v")))
                .contains(new LabelledDockerfile.Labelled("""
                        FROM busybox AS a
                        FROM busybox AS b
                        FROM b AS slipway-labelled
                        LABEL "k"="v"
                        """, "slipway-labelled"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "# escape=`\nFROM busybox\n",
        "#ESCAPE = \\\nFROM busybox\n",
        "FROM busybox\nRUN echo a \\\n",
        "FROM busybox\nRUN echo a \\\n\n# trailing comment\n",
    })
    void declinesWhatItCannotCopySafely(String dockerfile) {
        // Verifies the fallbacks: an escape directive, or a last instruction that continues onto the next line.
        assertThat(LabelledDockerfile.of(dockerfile, null, LABELS)).isEmpty();
    }

    @Test
    void declinesValuesThatADockerfileWouldExpandOrQuoteDifferently() {
        // Verifies that a value with $, quotes or a backslash travels beside the build instead.
        for (String value : new String[] {"$HOME", "a\"b", "a\\b", "line\nbreak", "back`tick"}) {
            assertThat(LabelledDockerfile.of("FROM busybox\n", null, Map.of("dev.slipway.step", value)))
                    .as(value).isEmpty();
        }
        assertThat(LabelledDockerfile.of("FROM busybox\n", null, Map.of())).isEmpty();
    }

    @Test
    void declinesTargetsItCannotFindOrThatWouldRunTriggers() {
        // Verifies the target fallbacks: unknown stage, ONBUILD anywhere, and a stage that already has its name.
        assertThat(LabelledDockerfile.of("FROM busybox AS a\nFROM busybox\n", "b", LABELS)).isEmpty();
        assertThat(LabelledDockerfile.of("FROM busybox AS a\nONBUILD RUN true\nFROM busybox\n", "a", LABELS)).isEmpty();
        assertThat(LabelledDockerfile.of("FROM busybox AS a\nFROM a AS slipway-labelled\n", "a", LABELS)).isEmpty();
        assertThat(LabelledDockerfile.of("FROM busybox AS a\nRUN echo \\\nFROM busybox\n", "a", LABELS)).isEmpty();
        assertThat(LabelledDockerfile.of("FROM busybox AS a\n", "a", LABELS)).map(LabelledDockerfile.Labelled::target)
                .isEqualTo(Optional.of("slipway-labelled"));
    }
}
