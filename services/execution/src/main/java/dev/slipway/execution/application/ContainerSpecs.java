package dev.slipway.execution.application;

import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.application.port.out.BuildResources;
import dev.slipway.execution.application.port.out.ContainerSpec;
import dev.slipway.execution.domain.PlanSecrets;
import dev.slipway.execution.domain.StepScript;
import dev.slipway.pipeline.plan.BuildPlan;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What container a plan's {@code run} step or service gets: a pure function of the plan, the
 * images this build made and the secrets' values, so that it is tested without an engine. It lives
 * beside the use cases rather than in the domain because its result is the backend port's
 * {@link ContainerSpec}, which the domain must not know.
 *
 * <ul>
 *   <li>An image the plan built ({@code built: app}, {@code built: app@builder}) runs as the image
 *       id that this build's {@code build <key>} step produced; any other image by its name.</li>
 *   <li>A step runs its commands in {@code sh -c} with {@code set -e} (see {@link StepScript}), in
 *       {@link BuildResources#WORKSPACE_PATH} with the workspace mounted.</li>
 *   <li>The environment is the build's own variables ({@code CI}, {@code SLIPWAY_*}), then the
 *       plan's, literal values as written and secrets by value; the plan's win.</li>
 *   <li>Labels: {@value BuildBackend#COMMIT_LABEL}, and {@value BuildBackend#STEP_LABEL} for a
 *       step or {@value #SERVICE_LABEL} for a service; the backend adds the build's.</li>
 *   <li>Steps and services alike get the executor's memory limit, when it has one; the plan has
 *       no say in it.</li>
 * </ul>
 */
final class ContainerSpecs {

    /** The label that names the service a container runs. */
    static final String SERVICE_LABEL = "dev.slipway.service";
    /** The label that names the plan's key of a built image, such as {@code app@builder}. */
    static final String IMAGE_LABEL = "dev.slipway.image";

    private ContainerSpecs() {
    }

    /**
     * What one build's containers are made from.
     *
     * @param plan        the build's plan
     * @param builtImages the image id of every image built so far, by its key
     * @param secrets     the values of the secrets the plan uses, by name
     * @param memoryLimit the memory each container may use, in bytes, or empty for no limit
     */
    record Inputs(BuildPlan plan, Map<String, String> builtImages, Map<String, String> secrets,
                  OptionalLong memoryLimit) {
        Inputs {
            Objects.requireNonNull(plan, "plan");
            builtImages = Map.copyOf(builtImages);
            secrets = Map.copyOf(secrets);
            Objects.requireNonNull(memoryLimit, "memoryLimit");
        }
    }

    /** The container of {@code step}. */
    static ContainerSpec step(BuildPlan.RunStep step, Inputs inputs) {
        Map<String, String> labels = Map.of(BuildBackend.COMMIT_LABEL, inputs.plan().trigger().commit(),
                BuildBackend.STEP_LABEL, step.name());
        return new ContainerSpec(ContainerSpec.Role.STEP, step.name(), image(step.image(), inputs),
                StepScript.command(step.commands()), environment(step.environment(), inputs),
                Optional.of(BuildResources.WORKSPACE_PATH), true, labels, Map.of(), Optional.empty(), false,
                inputs.memoryLimit());
    }

    /** The container of {@code service}, with its sysctls and health check, on the host's network if it asks. */
    static ContainerSpec service(BuildPlan.PlanService service, Inputs inputs) {
        Map<String, String> labels = Map.of(BuildBackend.COMMIT_LABEL, inputs.plan().trigger().commit(),
                SERVICE_LABEL, service.name());
        Map<String, String> sysctls = new LinkedHashMap<>();
        service.sysctls().forEach(s -> sysctls.put(s.key(), s.value()));
        return new ContainerSpec(ContainerSpec.Role.SERVICE, service.name(), image(service.image(), inputs), List.of(),
                environment(service.environment(), inputs), Optional.empty(), false, labels, sysctls,
                service.healthcheck().map(ContainerSpecs::healthcheck), service.hostNetwork(), inputs.memoryLimit());
    }

    /**
     * How long to wait at most for {@code service} to become healthy: every try of its check, each
     * with its interval and timeout, and a minute for the image's own start.
     */
    static Duration healthLimit(BuildPlan.PlanService service) {
        return service.healthcheck()
                .map(h -> h.interval().plus(h.timeout()).multipliedBy(Math.max(1, h.retries())).plusMinutes(1))
                .orElse(Duration.ZERO);
    }

    /** The image a container runs: a built image's id, or the named image. */
    static String image(BuildPlan.ImageUse use, Inputs inputs) {
        if (!use.built()) {
            return use.name();
        }
        String imageId = inputs.builtImages().get(use.name());
        if (imageId == null) {
            throw new IllegalArgumentException("image " + use.name() + " was not built in this build");
        }
        return imageId;
    }

    /** The variables every container of the build gets, before the plan's own. */
    static Map<String, String> buildEnvironment(BuildPlan plan) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("CI", "true");
        environment.put("SLIPWAY", "true");
        environment.put("SLIPWAY_BUILD_ID", plan.buildId());
        environment.put("SLIPWAY_BUILD_NUMBER", Long.toString(plan.buildNumber()));
        environment.put("SLIPWAY_REPOSITORY", plan.repository());
        environment.put("SLIPWAY_EVENT", plan.trigger().event().label());
        environment.put("SLIPWAY_COMMIT", plan.trigger().commit());
        environment.put("SLIPWAY_BRANCH", plan.trigger().branch());
        environment.put("SLIPWAY_TAG", plan.trigger().tag());
        return environment;
    }

    private static Map<String, String> environment(List<BuildPlan.Variable> variables, Inputs inputs) {
        Map<String, String> environment = buildEnvironment(inputs.plan());
        environment.putAll(PlanSecrets.values(variables, inputs.secrets()));
        return environment;
    }

    private static ContainerSpec.Healthcheck healthcheck(BuildPlan.Healthcheck check) {
        return new ContainerSpec.Healthcheck(List.of("sh", "-c", check.command()), check.interval(), check.timeout(),
                check.retries());
    }
}
