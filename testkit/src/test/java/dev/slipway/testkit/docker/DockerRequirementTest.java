package dev.slipway.testkit.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testkit.docker.DockerRequirement.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DockerRequirementTest {

    private static final EngineStatus ANSWERING = EngineStatus.answering("Docker 20.10.24 (API 1.41) at unix:///var/run/docker.sock");
    private static final EngineStatus SILENT = EngineStatus.silent("nothing answered at unix:///var/run/docker.sock: connection refused");

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"1", "0", ""})
    void runsWheneverTheEngineAnswers(String requireDocker) {
        // Verifies that an answering engine runs the test, whatever the variable says.
        assertThat(DockerRequirement.decide(ANSWERING, requireDocker).verdict()).isEqualTo(Verdict.RUN);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"0", "", "no", "false"})
    void skipsWhenNoEngineAnswersAndNoneIsRequired(String requireDocker) {
        // Verifies that a missing engine skips the test, saying why and how to make it a failure.
        DockerRequirement requirement = DockerRequirement.decide(SILENT, requireDocker);
        assertThat(requirement.verdict()).isEqualTo(Verdict.SKIP);
        assertThat(requirement.message()).contains("connection refused").contains("SLIPWAY_REQUIRE_DOCKER=1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "TRUE", " 1 "})
    void failsWhenNoEngineAnswersAndOneIsRequired(String requireDocker) {
        // Verifies that SLIPWAY_REQUIRE_DOCKER turns a missing engine into a failure that says the engine is required.
        DockerRequirement requirement = DockerRequirement.decide(SILENT, requireDocker);
        assertThat(requirement.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(requirement.message()).contains("Docker engine is required").contains("connection refused");
    }

    @Test
    void namesTheEngineThatRunsTheTest() {
        // Verifies that the reason for running names the engine's version and address.
        assertThat(DockerRequirement.decide(ANSWERING, null).message()).contains("20.10.24").contains("docker.sock");
    }
}
