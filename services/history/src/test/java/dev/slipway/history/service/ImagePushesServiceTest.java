package dev.slipway.history.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.model.Envelope;
import dev.slipway.model.build.ImagePushed;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class ImagePushesServiceTest extends HistoryServiceTest {

    @Test
    void showsEachPushNextToTheImageItSent() {
        // A build's ImagePushed events end up under the image they name, with destination, tags and digest.
        BuildScenario build = new BuildScenario();
        ImagePushed toLocal = push(build, "push", "127.0.0.1:5000/team/app", "11");
        ImagePushed toMirror = push(build, "mirror", "mirror.example.com/team/app", "22");

        build.publish(events, build.inNaturalOrder());
        build.publish(events, List.of(toLocal, toMirror));

        JsonNode shown = api.awaitBuild(build.id, b -> b.path("images").path(0).path("pushes").size() == 2
                && b.path("status").asString().equals("failed") && !b.path("repository").path("name").isNull()
                && !b.path("decision").isNull());
        assertThat(shown).isEqualTo(expectedWithPushes(build, """
                [ { "step": "push", "repository": "127.0.0.1:5000/team/app", "tags": ["9fceb02", "latest"],
                    "digest": "%s" },
                  { "step": "mirror", "repository": "mirror.example.com/team/app", "tags": ["9fceb02", "latest"],
                    "digest": "%s" } ]""".formatted(toLocal.digest(), toMirror.digest())));
    }

    @Test
    void aPushThatArrivesBeforeItsImageWasBuiltJoinsItOnceItIs() {
        // Events travel in any order: the push shows on its own first, and under the built image in the end state.
        BuildScenario build = new BuildScenario();
        ImagePushed toLocal = push(build, "push", "127.0.0.1:5000/team/app", "11");
        build.publish(events, List.of(build.requested, build.started, toLocal));

        JsonNode early = api.awaitBuild(build.id, b -> b.path("images").size() == 1);
        assertThat(early.path("images").get(0)).isEqualTo(api.parse("""
                { "step": null, "imageId": "%s", "tags": [],
                  "pushes": [ { "step": "push", "repository": "127.0.0.1:5000/team/app",
                                "tags": ["9fceb02", "latest"], "digest": "%s" } ] }"""
                .formatted(build.imageId, toLocal.digest())));

        build.publish(events, build.inNaturalOrder().stream()
                .filter(e -> e != build.requested && e != build.started).toList());
        // The request and the decision travel on topics of their own, consumed apart from the build's events.
        JsonNode shown = api.awaitBuild(build.id, b -> b.path("images").path(0).path("step").asString("").equals("build")
                && b.path("status").asString().equals("failed") && !b.path("repository").path("name").isNull()
                && !b.path("decision").isNull());
        assertThat(shown).isEqualTo(expectedWithPushes(build, """
                [ { "step": "push", "repository": "127.0.0.1:5000/team/app", "tags": ["9fceb02", "latest"],
                    "digest": "%s" } ]""".formatted(toLocal.digest())));
    }

    @Test
    void aPushDeliveredTwiceIsShownOnce() {
        // Redelivered with its envelope, or published again under a new event id, a push is still one push.
        BuildScenario build = new BuildScenario();
        ImagePushed toLocal = push(build, "push", "127.0.0.1:5000/team/app", "11");
        build.publish(events, build.inNaturalOrder());
        Envelope first = publishAt(events, toLocal, build.requestedAt.plusSeconds(5));
        api.awaitBuild(build.id, b -> b.path("images").path(0).path("pushes").size() == 1);

        events.publish(toLocal, first);
        publishAt(events, toLocal, build.requestedAt.plusSeconds(6));
        // A marker behind them on the same partition: once it shows, the copies before it were consumed.
        ImagePushed marker = push(build, "marker", "127.0.0.1:5000/team/marker", "33");
        publishAt(events, marker, build.requestedAt.plusSeconds(7));

        JsonNode shown = api.awaitBuild(build.id, b -> b.path("images").path(0).path("pushes").size() >= 2);
        assertThat(shown.path("images").get(0).path("pushes")).extracting(p -> p.path("step").asString())
                .containsExactly("push", "marker");
    }

    /** A push of the scenario's image by {@code step}, with a digest made of {@code digestByte}. */
    private static ImagePushed push(BuildScenario build, String step, String repository, String digestByte) {
        return new ImagePushed(build.id, step, build.imageId, repository, List.of("9fceb02", "latest"),
                "sha256:" + digestByte.repeat(32));
    }

    private ObjectNode expectedWithPushes(BuildScenario build, String pushes) {
        ObjectNode expected = (ObjectNode) api.parse(build.expectedBuildJson());
        ((ObjectNode) ((ArrayNode) expected.get("images")).get(0)).set("pushes", api.parse(pushes));
        return expected;
    }
}
