package dev.slipway.execution.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.slipway.execution.testing.TestPlans;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How a plan's work is numbered and timed. */
class BuildScheduleTest {

    @Test
    void numbersTheCloneTheImagesThenTheStepsInPlanOrder() {
        // Verifies the numbers in StepStarted: clone 0, one per image, then every step in plan order, lanes included.
        BuildSchedule schedule = BuildSchedule.of(TestPlans.compile("""
                version: 1
                images:
                  app: { target: release }
                steps:
                  - name: checks
                    parallel:
                      - { name: lint, image: app@builder, run: make lint }
                      - name: slow
                        serial:
                          - { name: e2e-setup, image: busybox, run: make setup }
                          - { name: e2e, image: busybox, run: make e2e }
                  - { name: push, push: { image: app, to: 127.0.0.1:5000/app, tags: [latest] } }
                """, UUID.randomUUID(), "0123456789abcdef0123456789abcdef01234567"));

        assertThat(schedule.images()).extracting(BuildSchedule.ScheduledImage::index,
                BuildSchedule.ScheduledImage::stepName).containsExactly(
                tuple(1, "build app"),
                tuple(2, "build app@builder"));
        assertThat(schedule.stages()).hasSize(2);
        assertThat(schedule.stages().getFirst().lanes()).hasSize(2);
        assertThat(schedule.stages().getFirst().lanes().get(1)).extracting(BuildSchedule.ScheduledStep::name)
                .containsExactly("e2e-setup", "e2e");
        assertThat(schedule.steps()).extracting(BuildSchedule.ScheduledStep::index, BuildSchedule.ScheduledStep::name)
                .containsExactly(tuple(3, "lint"),
                        tuple(4, "e2e-setup"),
                        tuple(5, "e2e"),
                        tuple(6, "push"));
    }

    @Test
    void givesEachStepItsOwnTimeoutElseItsGroupsElseAnHour() {
        // Verifies the limits: the step's own 10m, the group's 90s for its steps without one, else 60 minutes.
        BuildSchedule schedule = BuildSchedule.of(TestPlans.compile("""
                version: 1
                steps:
                  - { name: test, image: busybox, run: make test, timeout: 10m }
                  - name: after
                    timeout: 90
                    parallel:
                      - { name: notify, image: busybox, run: ./notify }
                      - { name: report, image: busybox, run: ./report, timeout: 5s }
                  - { name: last, image: busybox, run: ./last }
                """, UUID.randomUUID(), "0123456789abcdef0123456789abcdef01234567"));

        assertThat(schedule.steps()).extracting(BuildSchedule.ScheduledStep::timeout).containsExactly(
                Duration.ofMinutes(10), Duration.ofSeconds(90), Duration.ofSeconds(5), Duration.ofMinutes(60));
        assertThat(BuildSchedule.DEFAULT_STEP_TIMEOUT).isEqualTo(Duration.ofMinutes(60));
    }

    @Test
    void aPlanWithoutImagesStartsItsStepsAtOne() {
        // Verifies that numbering leaves no gap when there is nothing to build.
        BuildSchedule schedule = BuildSchedule.of(TestPlans.compile("""
                version: 1
                steps:
                  - { name: hello, image: busybox, run: echo hello }
                """, UUID.randomUUID(), "0123456789abcdef0123456789abcdef01234567"));

        assertThat(schedule.images()).isEmpty();
        assertThat(schedule.steps()).extracting(BuildSchedule.ScheduledStep::index).containsExactly(1);
        assertThat(List.of(BuildSchedule.CLONE_INDEX, BuildSchedule.CLONE_STEP)).containsExactly(0, "clone");
    }
}
