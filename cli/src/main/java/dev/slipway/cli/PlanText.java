package dev.slipway.cli;

import dev.slipway.pipeline.model.StepStatus;
import dev.slipway.pipeline.plan.BuildPlan;
import dev.slipway.pipeline.plan.BuildPlan.ImageUse;
import dev.slipway.pipeline.plan.BuildPlan.Lane;
import dev.slipway.pipeline.plan.BuildPlan.PlanImage;
import dev.slipway.pipeline.plan.BuildPlan.PlanService;
import dev.slipway.pipeline.plan.BuildPlan.PlanStep;
import dev.slipway.pipeline.plan.BuildPlan.PushStep;
import dev.slipway.pipeline.plan.BuildPlan.ReleaseStep;
import dev.slipway.pipeline.plan.BuildPlan.RunStep;
import dev.slipway.pipeline.plan.BuildPlan.Stage;
import dev.slipway.pipeline.plan.BuildPlan.Variable;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A plan for people: what runs in which stage, which images are built, and what is pushed where
 * under which tags. Everything printed comes from the plan as compiled; nothing is recomputed.
 */
final class PlanText {

    private PlanText() {
    }

    static void print(BuildPlan plan, PrintWriter out) {
        out.println("Plan: build " + plan.buildId() + " (number " + plan.buildNumber() + ") of " + plan.repository()
                + ", requested " + plan.createdAt());
        out.println("  trigger: " + trigger(plan.trigger()));
        out.println("  timeout: " + duration(plan.timeout()));
        if (plan.cancelPrevious()) {
            out.println("  cancels: running builds of the same branch (on.push.cancel_previous)");
        }

        out.println("Images built:" + (plan.images().isEmpty() ? " none" : ""));
        int keyWidth = plan.images().stream().mapToInt(i -> i.key().length()).max().orElse(0);
        for (PlanImage image : plan.images()) {
            out.println("  " + DecisionText.pad(image.key(), keyWidth) + "  " + image(image));
        }

        if (!plan.services().isEmpty()) {
            out.println("Services (started in this order):");
            int nameWidth = plan.services().stream().mapToInt(s -> s.name().length()).max().orElse(0);
            for (PlanService service : plan.services()) {
                out.println("  " + DecisionText.pad(service.name(), nameWidth) + "  " + service(service));
            }
        }

        out.println("Stages (one after another):");
        int number = 0;
        for (Stage stage : plan.stages()) {
            stage(++number, stage, out);
        }

        List<PushStep> pushes = plan.pushes();
        out.println("Pushes:" + (pushes.isEmpty() ? " none" : ""));
        for (PushStep push : pushes) {
            out.println("  image " + push.image() + " -> " + String.join(", ", push.references())
                    + push.credential().map(c -> " (credential " + c + ")").orElse(""));
        }

        for (ReleaseStep release : plan.releases()) {
            out.println("Release: tag " + release.tag() + ", notes " + release.notes() + " (step " + release.name() + ")");
        }

        if (!plan.secrets().isEmpty()) {
            out.println("Secrets (by name; values stay in the credential broker):");
            int secretWidth = plan.secrets().stream().mapToInt(s -> s.secret().length()).max().orElse(0);
            for (BuildPlan.SecretReference secret : plan.secrets()) {
                out.println("  " + DecisionText.pad(secret.secret(), secretWidth) + "  for " + secret.usedBy() + ", as "
                        + secret.as());
            }
        }
    }

    private static void stage(int number, Stage stage, PrintWriter out) {
        boolean parallel = stage.lanes().size() > 1;
        out.println("  " + number + ". " + stage.name()
                + (parallel ? " (" + stage.lanes().size() + " lanes side by side)" : "")
                + stage.timeout().map(t -> ", timeout " + duration(t)).orElse(""));
        int width = stage.lanes().stream().flatMap(l -> l.steps().stream()).mapToInt(s -> s.name().length()).max()
                .orElse(0);
        int laneNumber = 0;
        for (Lane lane : stage.lanes()) {
            laneNumber++;
            boolean first = true;
            for (PlanStep step : lane.steps()) {
                String prefix = !parallel ? "" : first ? "lane " + laneNumber + ": " : " ".repeat(("lane " + laneNumber
                        + ": ").length());
                out.println("       " + prefix + DecisionText.pad(step.name(), width) + "  " + step(step));
                first = false;
            }
        }
    }

    private static String step(PlanStep step) {
        List<String> parts = new ArrayList<>();
        switch (step) {
            case RunStep run -> {
                parts.add("run in " + use(run.image()) + ": " + String.join(" && ", run.commands()));
                if (!run.environment().isEmpty()) {
                    parts.add("env " + variables(run.environment()));
                }
                if (!run.services().isEmpty()) {
                    parts.add("services " + String.join(", ", run.services()));
                }
            }
            case PushStep push -> parts.add("push image " + push.image() + " to " + push.to() + " as "
                    + String.join(", ", push.tags()));
            case ReleaseStep release -> parts.add("release tag " + release.tag());
        }
        if (!step.runsOn().equals(List.of(StepStatus.SUCCESS))) {
            parts.add("runs on " + String.join(", ", step.runsOn().stream().map(StepStatus::label).toList()));
        }
        step.timeout().ifPresent(t -> parts.add("timeout " + duration(t)));
        return String.join("; ", parts);
    }

    private static String image(PlanImage image) {
        List<String> parts = new ArrayList<>();
        parts.add("context " + image.context());
        parts.add("dockerfile " + image.dockerfile());
        image.target().ifPresent(t -> parts.add("target " + t));
        if (!image.buildArgs().isEmpty()) {
            parts.add("build args " + variables(image.buildArgs()));
        }
        if (!image.cacheFrom().isEmpty()) {
            parts.add("cache from " + String.join(", ", image.cacheFrom()));
        }
        return String.join("; ", parts);
    }

    private static String service(PlanService service) {
        List<String> parts = new ArrayList<>();
        parts.add(use(service.image()));
        if (!service.environment().isEmpty()) {
            parts.add("env " + variables(service.environment()));
        }
        if (!service.sysctls().isEmpty()) {
            parts.add("sysctls " + String.join(", ", service.sysctls().stream().map(s -> s.key() + "=" + s.value())
                    .toList()));
        }
        service.healthcheck().ifPresent(h -> parts.add("healthcheck `" + h.command() + "` every " + duration(h.interval())
                + ", timeout " + duration(h.timeout()) + ", " + h.retries() + " retries"));
        if (!service.dependsOn().isEmpty()) {
            parts.add("after " + String.join(", ", service.dependsOn()));
        }
        if (service.hostNetwork()) {
            parts.add("host network");
        }
        return String.join("; ", parts);
    }

    private static String use(ImageUse use) {
        return use.built() ? "built image " + use.name() : "image " + use.name();
    }

    private static String variables(List<Variable> variables) {
        return String.join(", ", variables.stream().map(PlanText::variable).toList());
    }

    private static String variable(Variable variable) {
        Optional<String> secret = variable.secret();
        return variable.name() + "=" + secret.map(s -> "<secret " + s + ">").orElseGet(() -> variable.value().orElseThrow());
    }

    private static String trigger(BuildPlan.Trigger trigger) {
        String what = switch (trigger.event()) {
            case TAG -> "tag `" + trigger.tag() + "`";
            case PUSH -> "push to branch `" + trigger.branch() + "`";
            case PULL_REQUEST -> "pull request from branch `" + trigger.branch() + "`";
            case MANUAL -> "manual build of branch `" + trigger.branch() + "`";
        };
        return what + " at commit " + trigger.commit();
    }

    /** {@code 1h}, {@code 10m}, {@code 90s} rather than ISO-8601's {@code PT1H30M}, for reading. */
    static String duration(Duration duration) {
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
