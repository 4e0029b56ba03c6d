package dev.slipway.pipeline.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.Pipelines;
import dev.slipway.pipeline.match.Event;
import dev.slipway.pipeline.plan.BuildPlan;
import dev.slipway.pipeline.plan.PlanContext;
import dev.slipway.pipeline.template.DockerTag;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * Generated valid pipelines (images, services, nested groups, conditions) with generated events:
 * whenever the decision is to run, the plan is self-consistent.
 */
class CompiledPlanPropertyTest {

    private static final List<String> BRANCHES = List.of("main", "master", "develop", "feature/x", "release/1.0", "wip/y");
    private static final List<String> TAGS = List.of("v1.2.3", "v2.0.0-rc.1", "nightly", "1.0.0");
    private static final List<String> CONDITIONS = List.of("", "when: { branch: main }", "when: { branch: \"feature/*\" }",
            "when: { tag: \"v*\" }", "when: { event: [push, manual] }", "when: { event: tag }",
            "when: { paths: [\"docs/**\"] }", "when: { branch: { exclude: [\"wip/*\"] } }", "when: { status: failure }",
            "when: { branch: \"^release/\" }");
    private static final List<String> TAG_TEMPLATES = List.of("latest", "{{ .CommitID }}", "{{ .Branch }}", "{{ .Tag }}",
            "v{{ .Major }}.{{ .Minor }}", "{{ .ShortCommitID }}-{{ .BuildNumber }}", "{{ .Timestamp }}");

    @Property
    void everyPlanIsConsistentWithItselfAndItsDecision(@ForAll long seed) {
        // Images used are built, services needed are started in dependency order, tags are valid, steps are the matched ones.
        Random random = new Random(seed);
        String yaml = pipeline(random);
        Pipelines.Loaded loaded = Pipelines.load(".slipway.yml", yaml);
        assertThat(loaded.errors()).as(yaml).isEmpty();
        Event event = event(random);
        PlanContext context = new PlanContext("b-" + random.nextInt(1000), 1 + random.nextInt(500),
                Instant.ofEpochSecond(1_700_000_000L + random.nextInt(10_000_000)), "acme", "app");

        Pipelines.PlanResult result = Pipelines.plan(loaded, event, context);
        Statistics.collect(result.decision().verdict());
        if (!result.decision().runs()) {
            assertThat(result.plan()).isEmpty();
            return;
        }
        BuildPlan plan = result.plan().orElseThrow();
        Set<String> keys = plan.images().stream().map(BuildPlan.PlanImage::key).collect(Collectors.toSet());
        Set<String> matchedActions = result.decision().steps().stream()
                .filter(m -> m.matched() && !m.kind().equals("parallel") && !m.kind().equals("serial"))
                .map(m -> m.name()).collect(Collectors.toSet());
        assertThat(plan.steps().stream().map(BuildPlan.PlanStep::name).collect(Collectors.toSet())).isEqualTo(matchedActions);
        List<String> started = plan.services().stream().map(BuildPlan.PlanService::name).toList();
        for (BuildPlan.PlanStep step : plan.steps()) {
            switch (step) {
                case BuildPlan.RunStep run -> {
                    if (run.image().built()) {
                        assertThat(keys).contains(run.image().name());
                    }
                    assertThat(started).containsAll(run.services());
                }
                case BuildPlan.PushStep push -> {
                    assertThat(keys).contains(push.image());
                    assertThat(push.tags()).allMatch(DockerTag::isValid);
                }
                case BuildPlan.ReleaseStep release -> assertThat(release.name()).isNotEmpty();
            }
        }
        for (int i = 0; i < started.size(); i++) {
            assertThat(started.subList(0, i)).containsAll(plan.services().get(i).dependsOn());
        }
        assertThat(Pipelines.plan(Pipelines.load(".slipway.yml", yaml), event, context).toJson()).isEqualTo(result.toJson());
    }

    private static Event event(Random random) {
        String commit = Long.toHexString(random.nextLong()) + "0000000000000000000000000";
        return switch (random.nextInt(4)) {
            case 0 -> Event.push(pick(random, BRANCHES), commit, random.nextInt(10) == 0 ? "x [skip ci]" : "change")
                    .withChangedPaths(random.nextBoolean() ? List.of("docs/a.md") : List.of("src/b.go"));
            case 1 -> random.nextBoolean() ? Event.tag(pick(random, TAGS), commit) : Event.tag(pick(random, TAGS), commit).asOwnRelease();
            case 2 -> Event.pullRequest(pick(random, BRANCHES), pick(random, BRANCHES), commit, "pr");
            default -> Event.manual(pick(random, BRANCHES), commit);
        };
    }

    private static String pipeline(Random random) {
        StringBuilder yaml = new StringBuilder("version: 1\n");
        if (random.nextBoolean()) {
            yaml.append("on:\n  push: { branches: [main, \"release/*\", \"feature/*\"] }\n  tag: { pattern: \"v*\" }\n");
            if (random.nextBoolean()) {
                yaml.append("  pull_request: {}\n  manual: {}\n");
            }
        }
        yaml.append("images:\n  app: { target: release }\n  tool: { context: tools }\n");
        yaml.append("services:\n  db: { image: postgres:17, sysctls: { kernel.sem: \"1 2 3 4\" } }\n")
                .append("  cache: { image: redis:7, depends_on: [db] }\n  api: { image: app, depends_on: [cache] }\n");
        yaml.append("steps:\n");
        int[] counter = {0};
        int steps = 1 + random.nextInt(6);
        for (int i = 0; i < steps; i++) {
            step(random, 1, counter, yaml);
        }
        return yaml.toString();
    }

    private static void step(Random random, int depth, int[] counter, StringBuilder yaml) {
        String indent = "  ".repeat(depth);
        String name = "s" + (counter[0]++);
        yaml.append(indent).append("- name: ").append(name).append('\n');
        String condition = pick(random, CONDITIONS);
        if (!condition.isEmpty()) {
            yaml.append(indent).append("  ").append(condition).append('\n');
        }
        int kind = depth > 3 ? random.nextInt(3) : random.nextInt(5);
        switch (kind) {
            case 0 -> {
                yaml.append(indent).append("  image: ").append(pick(random, List.of("app", "app@builder", "app@release", "tool",
                        "alpine:3.20"))).append('\n');
                yaml.append(indent).append("  run: make ").append(name).append('\n');
                if (random.nextBoolean()) {
                    yaml.append(indent).append("  services: [").append(pick(random, List.of("db", "api", "cache"))).append("]\n");
                }
            }
            case 1 -> yaml.append(indent).append("  push: { image: ").append(pick(random, List.of("app", "tool")))
                    .append(", to: registry.example.com/acme/app, tags: [\"").append(pick(random, TAG_TEMPLATES))
                    .append("\", \"").append(pick(random, TAG_TEMPLATES)).append("\"] }\n");
            case 2 -> yaml.append(indent).append("  release: { tag: \"v1.{{ .BuildNumber }}\" }\n");
            default -> {
                yaml.append(indent).append(kind == 3 ? "  parallel:\n" : "  serial:\n");
                int children = 1 + random.nextInt(3);
                for (int i = 0; i < children; i++) {
                    step(random, depth + 2, counter, yaml);
                }
            }
        }
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

}
