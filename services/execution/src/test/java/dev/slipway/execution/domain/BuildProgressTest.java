package dev.slipway.execution.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.model.build.BuildStatus;
import dev.slipway.pipeline.model.StepStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which steps run as a build goes, and how it ends. */
class BuildProgressTest {

    private final BuildProgress progress = new BuildProgress();

    @Test
    void runsSuccessStepsUntilAStepFailsThenFailureSteps() {
        // Verifies runs_on against the state so far: success, then failure after the first failed step.
        assertThat(progress.mayStart(List.of(StepStatus.SUCCESS))).isTrue();
        assertThat(progress.mayStart(List.of(StepStatus.FAILURE))).isFalse();

        progress.stepFailed("step 'test' failed: exited with code 2");
        progress.stepFailed("step 'lint' failed: exited with code 1");

        assertThat(progress.state()).isEqualTo(StepStatus.FAILURE);
        assertThat(progress.mayStart(List.of(StepStatus.SUCCESS))).isFalse();
        assertThat(progress.mayStart(List.of(StepStatus.FAILURE))).isTrue();
        assertThat(progress.mayStart(List.of(StepStatus.SUCCESS, StepStatus.FAILURE))).isTrue();
        assertThat(progress.finish()).isEqualTo(BuildVerdict.failed("step 'test' failed: exited with code 2"));
    }

    @Test
    void aStoppedBuildStartsNothingAndEndsWithTheFirstReasonToStop() {
        // Verifies stops: after a cancel no step starts, not even on failure, and a later error does not replace it.
        progress.stepFailed("step 'test' failed: exited with code 2");

        assertThat(progress.cancel("superseded by build #8")).isTrue();
        assertThat(progress.error("the Docker engine failed")).isFalse();
        assertThat(progress.cancel("again")).isFalse();

        assertThat(progress.mayStart(List.of(StepStatus.SUCCESS, StepStatus.FAILURE))).isFalse();
        assertThat(progress.isCancelled()).isTrue();
        assertThat(progress.finish()).isEqualTo(new BuildVerdict(BuildStatus.CANCELLED, "superseded by build #8"));
    }

    @Test
    void runningOutOfTimeFailsTheBuild() {
        // Verifies the build's own time limit: a stop that fails, not errors, the build.
        progress.timeOut("the build ran out of its time limit of 1h");

        assertThat(progress.isCancelled()).isFalse();
        assertThat(progress.finish()).isEqualTo(BuildVerdict.failed("the build ran out of its time limit of 1h"));
    }

    @Test
    void aCancelAfterTheBuildFinishedChangesNothing() {
        // Verifies that a cancel racing with the end of a successful build cannot turn it into a cancelled one.
        assertThat(progress.finish()).isEqualTo(BuildVerdict.succeeded());

        assertThat(progress.cancel("too late")).isFalse();
        assertThat(progress.finish()).isEqualTo(BuildVerdict.succeeded());
    }
}
