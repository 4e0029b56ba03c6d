package dev.slipway.history.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BuildImageTest {

    private static final String BUILDER = "sha256:" + "aa".repeat(32);
    private static final String RUNTIME = "sha256:" + "bb".repeat(32);
    private static final String UNBUILT = "sha256:" + "cc".repeat(32);

    @Test
    void givesEachBuiltImageThePushesThatSentIt() {
        // Pushes join the image they name, in the order recorded; an image never pushed has none.
        BuiltImage builder = new BuiltImage("image:builder", BUILDER, List.of("slipway/app-builder:7"));
        BuiltImage runtime = new BuiltImage("image:app", RUNTIME, List.of("slipway/app:7"));
        PushedImage toLocal = new PushedImage("push", RUNTIME, "127.0.0.1:5000/team/app", List.of("9fceb02", "latest"),
                "sha256:" + "11".repeat(32));
        PushedImage toMirror = new PushedImage("mirror", RUNTIME, "mirror.example.com/team/app", List.of("9fceb02"),
                "sha256:" + "22".repeat(32));

        List<BuildImage> images = BuildImage.of(List.of(builder, runtime), List.of(toLocal, toMirror));

        assertThat(images).containsExactly(
                new BuildImage("image:builder", BUILDER, List.of("slipway/app-builder:7"), List.of()),
                new BuildImage("image:app", RUNTIME, List.of("slipway/app:7"), List.of(toLocal, toMirror)));
    }

    @Test
    void showsAPushedImageWhoseBuildingHasNotArrivedAfterTheBuiltOnes() {
        // Events arrive in any order: a push of an image not built yet stands alone, without step or tags, until it is.
        BuiltImage runtime = new BuiltImage("image:app", RUNTIME, List.of("slipway/app:7"));
        PushedImage early = new PushedImage("push", UNBUILT, "127.0.0.1:5000/team/tool", List.of("1"),
                "sha256:" + "33".repeat(32));

        assertThat(BuildImage.of(List.of(runtime), List.of(early))).containsExactly(
                new BuildImage("image:app", RUNTIME, List.of("slipway/app:7"), List.of()),
                new BuildImage(null, UNBUILT, List.of(), List.of(early)));
        assertThat(BuildImage.of(List.of(runtime, new BuiltImage("image:tool", UNBUILT, List.of())), List.of(early)))
                .last().isEqualTo(new BuildImage("image:tool", UNBUILT, List.of(), List.of(early)));
    }
}
