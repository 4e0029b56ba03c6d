package dev.slipway.pipeline.format.slipway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.model.EnvVar;
import dev.slipway.pipeline.model.EventType;
import dev.slipway.pipeline.model.ImageRef;
import dev.slipway.pipeline.model.Pipeline;
import dev.slipway.pipeline.model.SkipRules;
import dev.slipway.pipeline.model.Step;
import dev.slipway.pipeline.source.SourceFile;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlipwayFormatTest {

    private static SlipwayFormat.Result read(String yaml) {
        return SlipwayFormat.read(".slipway.yml", SourceFile.read(".slipway.yml", yaml).root().orElseThrow());
    }

    private static Pipeline pipeline(String yaml) {
        SlipwayFormat.Result result = read(yaml);
        assertThat(result.problems()).isEmpty();
        return result.pipeline().orElseThrow();
    }

    @Test
    void anImageNameDeclaredUnderImagesIsBuiltAndAnythingElseIsPulled() {
        // `app` and `app@builder` use the built image; `redis:7` and a digest reference are pulled.
        Pipeline pipeline = pipeline("""
                version: 1
                images: { app: {} }
                steps:
                  - { name: a, image: app, run: x }
                  - { name: b, image: app@builder, run: x }
                  - { name: c, image: "redis:7", run: x }
                  - { name: d, image: "alpine@sha256:abc", run: x }
                """);

        List<ImageRef> images = pipeline.steps().stream().map(s -> ((Step.Run) s).image()).toList();
        assertThat(images.get(0)).isEqualTo(new ImageRef.Built("app", Optional.empty(), images.get(0).location()));
        assertThat(images.get(1)).isEqualTo(new ImageRef.Built("app", Optional.of("builder"), images.get(1).location()));
        assertThat(images.get(2)).isInstanceOf(ImageRef.External.class);
        assertThat(images.get(3).label()).isEqualTo("alpine@sha256:abc");
        assertThat(images.get(3)).isInstanceOf(ImageRef.External.class);
    }

    @Test
    void whatTheFileLeavesOutGetsTheDocumentedDefaults() {
        // No on: every event; no skip: the default tokens on the head commit; dockerfile Dockerfile; notes changelog.
        Pipeline pipeline = pipeline("""
                version: 1
                images: { app: { context: svc } }
                services: { db: { image: postgres:17 } }
                steps:
                  - { name: t, image: app, run: [a, b] }
                  - { name: r, release: { tag: "v{{ .BuildNumber }}" } }
                """);

        assertThat(pipeline.triggers().declared()).isFalse();
        assertThat(pipeline.triggers().acceptedEvents()).containsExactly(EventType.values());
        assertThat(pipeline.triggers().tag().orElseThrow().includeOwnReleases()).isFalse();
        assertThat(pipeline.skip().messages()).isEqualTo(SkipRules.DEFAULT_MESSAGES);
        assertThat(pipeline.skip().scope()).isEqualTo(SkipRules.Scope.HEAD_COMMIT);
        assertThat(pipeline.images().getFirst().dockerfile()).isEqualTo("Dockerfile");
        Step.Run run = (Step.Run) pipeline.steps().getFirst();
        assertThat(run.commands()).containsExactly("a", "b");
        assertThat(run.services()).extracting(r -> r.name()).containsExactly("db");
        assertThat(((Step.Release) pipeline.steps().get(1)).notes()).isEqualTo("changelog");
        assertThat(pipeline.timeout()).isEmpty();
    }

    @Test
    void onAcceptsAListOfEventsAndTrueOrFalsePerEvent() {
        // `on: [push, tag]` and `on: { push: true, tag: false }` are shorthands.
        assertThat(pipeline("version: 1\non: [push, manual]\nsteps: [{ name: t, image: a, run: x }]\n")
                .triggers().acceptedEvents()).containsExactly(EventType.PUSH, EventType.MANUAL);
        assertThat(pipeline("version: 1\non: { push: true, tag: false }\nsteps: [{ name: t, image: a, run: x }]\n")
                .triggers().acceptedEvents()).containsExactly(EventType.PUSH);
    }

    @Test
    void secretsAreReferencesAndNeverValues() {
        // `secrets: [NAME]` and `{ secret: name }` both become FromSecret; a literal stays a literal.
        Pipeline pipeline = pipeline("""
                version: 1
                steps:
                  - name: t
                    image: a
                    run: x
                    secrets: [NPM_TOKEN]
                    environment: { GH: { secret: github-token }, MODE: fast }
                """);

        assertThat(((Step.Run) pipeline.steps().getFirst()).environment()).extracting(EnvVar::name, EnvVar::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("GH", new EnvVar.FromSecret("github-token")),
                        org.assertj.core.groups.Tuple.tuple("MODE", new EnvVar.Literal("fast")),
                        org.assertj.core.groups.Tuple.tuple("NPM_TOKEN", new EnvVar.FromSecret("NPM_TOKEN")));
    }

    @Test
    void aBrokenFileStillGivesAModelAndEveryProblemNotJustTheFirst() {
        // One mistake must not hide the next: three independent errors are all reported.
        SlipwayFormat.Result result = read("""
                version: 1
                stepz: []
                steps:
                  - { name: a, image: "@x", run: x }
                  - { name: b, push: { image: app, to: "Bad Repo", tags: [x] } }
                """);

        assertThat(result.pipeline()).isPresent();
        assertThat(result.problems()).extracting(Problem::code)
                .containsExactly("key.unknown", "value.invalid", "value.invalid");
        assertThat(result.problems().getFirst().hint()).startsWith("did you mean `steps`?");
    }
}
