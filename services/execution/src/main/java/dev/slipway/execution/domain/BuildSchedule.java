package dev.slipway.execution.domain;

import dev.slipway.pipeline.plan.BuildPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The order in which a plan's work runs, with the number and name that each step has in the
 * build's events: step {@value #CLONE_INDEX} is {@value #CLONE_STEP}, the checkout; then one step
 * per image to build, {@code build <key>}, in plan order; then the plan's own steps, in plan order,
 * stage by stage and lane by lane. Numbers are positions in the plan, not the order in which
 * parallel steps happen to start, so that they are the same every time the plan runs.
 *
 * @param images the images to build, numbered
 * @param stages the stages, each with its lanes of numbered steps
 */
public record BuildSchedule(List<ScheduledImage> images, List<ScheduledStage> stages) {

    /** The number of the checkout step. */
    public static final int CLONE_INDEX = 0;
    /** The name of the checkout step. */
    public static final String CLONE_STEP = "clone";
    /** How long a step may run when neither it nor its group sets a limit. */
    public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofMinutes(60);

    public BuildSchedule {
        images = List.copyOf(images);
        stages = List.copyOf(stages);
    }

    /** An image to build, as step {@code index} named {@code stepName}. */
    public record ScheduledImage(int index, String stepName, BuildPlan.PlanImage image) {
        public ScheduledImage {
            Objects.requireNonNull(stepName, "stepName");
            Objects.requireNonNull(image, "image");
        }
    }

    /** A step of the plan, as step {@code index}, with the limit it runs under. */
    public record ScheduledStep(int index, BuildPlan.PlanStep step, Duration timeout) {
        public ScheduledStep {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(timeout, "timeout");
        }

        public String name() {
            return step.name();
        }
    }

    /** A stage: lanes that run at the same time, each a list of steps that run one after another. */
    public record ScheduledStage(String name, List<List<ScheduledStep>> lanes) {
        public ScheduledStage {
            Objects.requireNonNull(name, "name");
            lanes = lanes.stream().map(List::copyOf).toList();
        }
    }

    /** The schedule of {@code plan}. */
    public static BuildSchedule of(BuildPlan plan) {
        List<ScheduledImage> images = new ArrayList<>();
        int index = CLONE_INDEX + 1;
        for (BuildPlan.PlanImage image : plan.images()) {
            images.add(new ScheduledImage(index++, imageStepName(image.key()), image));
        }
        List<ScheduledStage> stages = new ArrayList<>();
        for (BuildPlan.Stage stage : plan.stages()) {
            List<List<ScheduledStep>> lanes = new ArrayList<>();
            for (BuildPlan.Lane lane : stage.lanes()) {
                List<ScheduledStep> steps = new ArrayList<>();
                for (BuildPlan.PlanStep step : lane.steps()) {
                    steps.add(new ScheduledStep(index++, step, timeout(step, stage)));
                }
                lanes.add(steps);
            }
            stages.add(new ScheduledStage(stage.name(), lanes));
        }
        return new BuildSchedule(images, stages);
    }

    /** The step that builds the image with key {@code key}: {@code build app}, {@code build app@builder}. */
    public static String imageStepName(String key) {
        return "build " + key;
    }

    /** The step's own limit, else its group's, else {@link #DEFAULT_STEP_TIMEOUT}. */
    public static Duration timeout(BuildPlan.PlanStep step, BuildPlan.Stage stage) {
        return step.timeout().or(stage::timeout).orElse(DEFAULT_STEP_TIMEOUT);
    }

    /** Every step of the plan, numbered, in plan order. */
    public List<ScheduledStep> steps() {
        return stages.stream().flatMap(s -> s.lanes().stream()).flatMap(List::stream).toList();
    }
}
