package dev.slipway.pipeline.format.codeship;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.Pipelines;
import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.match.Decision;
import dev.slipway.pipeline.match.Event;
import dev.slipway.pipeline.model.EnvVar;
import dev.slipway.pipeline.model.ImageRef;
import dev.slipway.pipeline.model.ImageSpec;
import dev.slipway.pipeline.model.Pipeline;
import dev.slipway.pipeline.model.Step;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodeshipReaderTest {

    private static final String SHA = "abc1230000000000000000000000000000000042";

    private static final String APP_SERVICES = """
            app:
              build:
                image: acme/app
                path: ./server
                dockerfile: docker/Dockerfile
                args:
                  GO_VERSION: "1.23"
              environment:
                LOG_LEVEL: debug
              depends_on: [db]
            db:
              image: postgres:17
            """;

    private static CodeshipReader.Read read(String services, String steps) {
        return CodeshipReader.read(Optional.of(new CodeshipReader.Source(CodeshipReader.SERVICES_YML, services)),
                Optional.of(new CodeshipReader.Source(CodeshipReader.STEPS_YML, steps)));
    }

    private static Pipeline pipeline(String services, String steps) {
        CodeshipReader.Read read = read(services, steps);
        assertThat(read.problems()).filteredOn(Problem::isError).isEmpty();
        return read.pipeline().orElseThrow();
    }

    @Test
    void aServiceWithBuildBecomesAnImageNamedAfterTheService() {
        // The context comes from `path`, the Dockerfile stays relative to it, and args become build args.
        Pipeline pipeline = pipeline(APP_SERVICES, "- service: app\n  command: make test\n");

        ImageSpec image = pipeline.image("app").orElseThrow();
        assertThat(image.context()).isEqualTo("server");
        assertThat(image.dockerfile()).isEqualTo("docker/Dockerfile");
        assertThat(image.buildArgs()).extracting(EnvVar::name, EnvVar::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GO_VERSION", new EnvVar.Literal("1.23")));
        assertThat(pipeline.images()).extracting(ImageSpec::name).containsExactly("app");
        assertThat(pipeline.format()).isEqualTo(Pipeline.Format.CODESHIP);
    }

    @Test
    void aStepRunsInItsServicesImageWithItsEnvironmentAndDependencies() {
        // Codeship gave a step its service's environment and started the services it depends on.
        Pipeline pipeline = pipeline(APP_SERVICES, "- name: test\n  service: app\n  command: make test\n");

        Step.Run run = (Step.Run) pipeline.steps().getFirst();
        assertThat(run.image()).isInstanceOf(ImageRef.Built.class);
        assertThat(run.image().label()).isEqualTo("app");
        assertThat(run.commands()).containsExactly("make test");
        assertThat(run.environment()).extracting(EnvVar::name).containsExactly("LOG_LEVEL");
        assertThat(run.services()).extracting(r -> r.name()).containsExactly("db");
        assertThat(pipeline.services()).extracting(s -> s.name()).containsExactly("db");
        assertThat(pipeline.service("db").orElseThrow().image()).isEqualTo(
                new ImageRef.External("postgres:17", pipeline.service("db").orElseThrow().image().location()));
    }

    @Test
    void aGroupPassesItsServiceOnAndKeepsItsOwnFilter() {
        // Steps of a group that name no service run in the group's; the group's `tag` filters the group.
        Pipeline pipeline = pipeline(APP_SERVICES, """
                - type: parallel
                  service: app
                  tag: master
                  steps:
                    - command: make unit
                    - command: make vet
                      service: db
                """);

        Step.Parallel group = (Step.Parallel) pipeline.steps().getFirst();
        assertThat(group.name()).isEqualTo("parallel-1");
        assertThat(group.when().ref().include()).extracting(p -> p.text()).containsExactly("master");
        assertThat(group.steps()).extracting(Step::name).containsExactly("step-1.1", "step-1.2");
        assertThat(((Step.Run) group.steps().get(0)).image().label()).isEqualTo("app");
        assertThat(((Step.Run) group.steps().get(1)).image().label()).isEqualTo("postgres:17");
        assertThat(group.steps().getFirst().when().isAlways()).isTrue();
    }

    @Test
    void aPushStepPushesTheImageBuiltForItsServiceToImageName() {
        // image_name is the destination; the pushed image is the service's build, whatever image_name says.
        Pipeline pipeline = pipeline(APP_SERVICES, """
                - name: push
                  service: app
                  type: push
                  image_name: acme/released
                  image_tag: "{{ .ShortCommitID }}"
                  encrypted_dockercfg_path: dockercfg.encrypted
                """);

        Step.Push push = (Step.Push) pipeline.steps().getFirst();
        assertThat(push.image().name()).isEqualTo("app");
        assertThat(push.to()).isEqualTo("acme/released");
        assertThat(push.tags()).extracting(t -> t.source()).containsExactly("{{ .ShortCommitID }}");
        assertThat(push.credential()).contains("codeship/dockercfg.encrypted");
    }

    @Test
    void aPushWithoutImageTagPushesLatest() {
        // Codeship pushed `latest` when no image_tag was given; so does Slipway.
        Pipeline pipeline = pipeline(APP_SERVICES, "- service: app\n  type: push\n  image_name: acme/app\n");

        assertThat(((Step.Push) pipeline.steps().getFirst()).tags()).extracting(t -> t.source()).containsExactly("latest");
    }

    @Test
    void encryptedValuesAreSecretReferencesAndNeverTheCiphertext() {
        // The ciphertext must not travel into the model; only the name of the secret that replaces it.
        CodeshipReader.Read read = read("""
                app:
                  build:
                    encrypted_args: c2VjcmV0LXZhbHVl
                  encrypted_env_file: env.encrypted
                """, "- service: app\n  command: make\n");

        Pipeline pipeline = read.pipeline().orElseThrow();
        assertThat(pipeline.image("app").orElseThrow().buildArgs()).extracting(EnvVar::value)
                .containsExactly(new EnvVar.FromSecret("codeship/app/encrypted_args"));
        assertThat(((Step.Run) pipeline.steps().getFirst()).environment()).extracting(EnvVar::value)
                .containsExactly(new EnvVar.FromSecret("codeship/env.encrypted"));
        assertThat(pipeline.toString()).doesNotContain("c2VjcmV0LXZhbHVl");
        assertThat(read.problems()).extracting(Problem::code).containsOnly("codeship.encrypted-reference");
    }

    @Test
    void environmentAndArgsMayBeWrittenAsComposeStyleLists() {
        // Codeship accepted docker-compose's `- NAME=value` lists as well as mappings.
        Pipeline pipeline = pipeline("""
                app:
                  image: busybox
                  environment:
                    - A=1
                    - B=x=y
                    - C
                """, "- service: app\n  command: env\n");

        assertThat(((Step.Run) pipeline.steps().getFirst()).environment()).extracting(EnvVar::name, EnvVar::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A", new EnvVar.Literal("1")),
                        org.assertj.core.groups.Tuple.tuple("B", new EnvVar.Literal("x=y")),
                        org.assertj.core.groups.Tuple.tuple("C", new EnvVar.Literal("")));
    }

    @Test
    void theJsonFormsReadToTheSameStepsAsTheYamlForms() {
        // codeship-*.json are the same format; only the syntax differs.
        CodeshipReader.Read json = CodeshipReader.read(List.of(
                new CodeshipReader.Source("codeship-services.json", "{\"app\": {\"image\": \"busybox\"}}"),
                new CodeshipReader.Source("codeship-steps.json",
                        "[{\"name\": \"test\", \"service\": \"app\", \"command\": \"true\", \"tag\": \"main\"}]")));

        Step.Run run = (Step.Run) json.pipeline().orElseThrow().steps().getFirst();
        assertThat(json.problems()).isEmpty();
        assertThat(run.name()).isEqualTo("test");
        assertThat(run.when().ref().include()).extracting(p -> p.text()).containsExactly("main");
        assertThat(run.location().file()).isEqualTo("codeship-steps.json");
    }

    @Test
    void aMissingServicesFileIsAnErrorAndNoPipeline() {
        // Steps cannot be read without the services they run in.
        CodeshipReader.Read read = CodeshipReader.read(Optional.empty(),
                Optional.of(new CodeshipReader.Source(CodeshipReader.STEPS_YML, "- service: app\n  command: x\n")));

        assertThat(read.pipeline()).isEmpty();
        assertThat(read.problems()).extracting(Problem::code).containsExactly("codeship.missing-file");
    }

    @Test
    void brokenYamlIsAProblemWithItsPlace() {
        // Reading never throws: a syntax error is a lint problem at its line.
        CodeshipReader.Read read = read(APP_SERVICES, "- name: [unclosed\n  service: app\n");

        assertThat(read.pipeline()).isEmpty();
        assertThat(read.problems()).extracting(Problem::code).containsExactly("yaml.syntax");
        assertThat(read.problems().getFirst().location().file()).isEqualTo(CodeshipReader.STEPS_YML);
    }

    @Test
    void wrongKindsOfNodeAreProblemsNotExceptions() {
        // Codeship files written as the wrong shape still give problems, never a crash.
        CodeshipReader.Read read = read("- app\n", "app: {}\n");

        assertThat(read.problems()).extracting(Problem::code).containsExactly("node.wrong-kind", "node.wrong-kind");
    }

    @Test
    void anUnknownStepTypeIsAnErrorWithASuggestion() {
        // `type: paralel` would otherwise silently run nothing.
        CodeshipReader.Read read = read(APP_SERVICES, "- type: paralel\n  steps:\n    - service: app\n      command: x\n");

        Problem problem = read.problems().getFirst();
        assertThat(problem.code()).isEqualTo("value.invalid");
        assertThat(problem.hint()).startsWith("did you mean `parallel`?");
    }

    // --- the tag filter: branch on a push, tag on a tag build ----------------------------------

    private static Decision decide(String steps, Event event) {
        Pipelines.Loaded loaded = CodeshipProject.load(APP_SERVICES, steps);
        assertThat(loaded.isRunnable()).as("%s", loaded.problems()).isTrue();
        return Pipelines.decide(loaded, event);
    }

    @Test
    void tagFilterMatchesTheBranchOfAPush() {
        // Codeship called branches "tags" in its step filters: `tag: master` selects pushes to master.
        String steps = "- service: app\n  tag: master\n  command: make deploy\n";

        assertThat(decide(steps, Event.push("master", SHA, "go")).runs()).isTrue();
        assertThat(decide(steps, Event.push("master-old", SHA, "go")).runs()).isFalse();
    }

    @Test
    void tagFilterMatchesTheTagOfATagBuildAndNotItsCommitsBranch() {
        // On a tag build Codeship matched the filter against the tag name, so `tag: master` does not run on tag v1.
        String steps = "- service: app\n  tag: master\n  command: make deploy\n";

        Decision decision = decide(steps, Event.tag("v1.0.0", SHA));

        assertThat(decision.runs()).isFalse();
        assertThat(decision.reason()).isEqualTo(
                "skipped: no step matches tag `v1.0.0`. Step `step-1` requires branch or tag `master`");
    }

    @Test
    void anAnchoredTagFilterIsARegexThatMatchesTagsAndBranchesAlike() {
        // `^v` is a regex; like Codeship, it also selects a branch whose name starts with v.
        String steps = "- service: app\n  tag: ^v[0-9]\n  command: make release\n";

        assertThat(decide(steps, Event.tag("v1.2.3", SHA)).runs()).isTrue();
        assertThat(decide(steps, Event.push("v2-rewrite", SHA, "wip")).runs()).isTrue();
        assertThat(decide(steps, Event.push("main", SHA, "wip")).runs()).isFalse();
    }

    @Test
    void excludeSkipsMatchingBranchesAndKeepsTheRest() {
        // `exclude` is the opposite filter, on the same name.
        String steps = "- service: app\n  exclude: ^release/\n  command: make preview\n";

        assertThat(decide(steps, Event.push("release/1.2", SHA, "cut")).runs()).isFalse();
        assertThat(decide(steps, Event.push("feature/x", SHA, "wip")).runs()).isTrue();
    }
}
