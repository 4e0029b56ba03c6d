package dev.slipway.pipeline.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.Pipelines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The compiler's golden files: {@code compile/<case>.yml} with {@code <case>.event.yml} gives {@code <case>.plan.json}. */
class CompileGoldenTest {

    private static final Path CASES = Fixtures.resources("compile");

    @TestFactory
    Stream<DynamicTest> everyCaseCompilesToExactlyItsGoldenJson() throws IOException {
        // Each case's decision, plan and problems, as JSON, equal the checked-in file byte for byte.
        return cases().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Fixtures.Input input = Fixtures.input(name + ".event.yml", Fixtures.read(CASES.resolve(name + ".event.yml")));
            String actual = Pipelines.plan(Pipelines.load(".slipway.yml", Fixtures.read(CASES.resolve(name + ".yml"))),
                    input.event(), input.context()).toJson();
            Path expected = CASES.resolve(name + ".plan.json");
            if (Fixtures.UPDATE || !Files.exists(expected)) {
                Fixtures.write(expected, actual);
            }
            assertThat(actual).isEqualTo(Fixtures.read(expected));
        }));
    }

    @Test
    void compilingTheSameCaseTwiceGivesTheSameJson() throws IOException {
        // Determinism: no hash order, clock or randomness leaks into the output.
        for (String name : cases()) {
            Fixtures.Input input = Fixtures.input(name + ".event.yml", Fixtures.read(CASES.resolve(name + ".event.yml")));
            String text = Fixtures.read(CASES.resolve(name + ".yml"));
            assertThat(Pipelines.plan(Pipelines.load(".slipway.yml", text), input.event(), input.context()).toJson())
                    .isEqualTo(Pipelines.plan(Pipelines.load(".slipway.yml", text), input.event(), input.context()).toJson());
        }
    }

    @Test
    void thereAreAtLeastTwentyCasesAndEachHasItsEventAndGoldenFile() throws IOException {
        // A case without its event or expected file would silently test nothing.
        List<String> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(20);
        for (String name : cases) {
            assertThat(CASES.resolve(name + ".event.yml")).as(name).exists();
            assertThat(CASES.resolve(name + ".plan.json")).as(name).exists();
        }
    }

    private static List<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(CASES)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yml") && !n.endsWith(".event.yml"))
                    .map(n -> n.substring(0, n.length() - ".yml".length())).sorted().toList();
        }
    }
}
