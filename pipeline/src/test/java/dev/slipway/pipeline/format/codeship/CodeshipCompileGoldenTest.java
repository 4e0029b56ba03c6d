package dev.slipway.pipeline.format.codeship;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.Pipelines;
import dev.slipway.pipeline.golden.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Codeship golden cases, with the native cases' mechanism ({@link Fixtures}): each directory under
 * {@code codeship/compile/} holds Codeship files, an {@code event.yml} (the keys of the native
 * {@code <case>.event.yml}) and the {@code plan.json} that decision, plan and problems must equal
 * byte for byte. {@code -Dslipway.golden.update=true} rewrites the expected files; review the diff.
 */
class CodeshipCompileGoldenTest {

    private static final Path CASES = Fixtures.resources("codeship/compile");

    @TestFactory
    Stream<DynamicTest> everyCaseCompilesToExactlyItsGoldenJson() throws IOException {
        // Each case's decision, plan and problems, as JSON, equal the checked-in file.
        return cases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            String actual = planJson(dir);
            Path expected = dir.resolve("plan.json");
            if (Fixtures.UPDATE || !Files.exists(expected)) {
                Fixtures.write(expected, actual);
            }
            assertThat(actual).isEqualTo(Fixtures.read(expected));
        }));
    }

    @Test
    void compilingTheSameCaseTwiceGivesTheSameJson() throws IOException {
        // Determinism: no hash order, clock or randomness leaks into a Codeship plan either.
        for (Path dir : cases()) {
            assertThat(planJson(dir)).isEqualTo(planJson(dir));
        }
    }

    @Test
    void thereAreAtLeastTenCasesAndEachHasBothFilesItsEventAndItsGoldenFile() throws IOException {
        // A case missing a file would silently test something else, or nothing.
        List<Path> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(10);
        for (Path dir : cases) {
            assertThat(CodeshipProject.filesIn(dir)).as(dir.toString()).hasSize(2);
            assertThat(dir.resolve("event.yml")).as(dir.toString()).exists();
            assertThat(dir.resolve("plan.json")).as(dir.toString()).exists();
        }
    }

    private static String planJson(Path dir) {
        Fixtures.Input input = Fixtures.input("event.yml", Fixtures.read(dir.resolve("event.yml")));
        return Pipelines.plan(CodeshipProject.load(CodeshipProject.filesIn(dir)), input.event(), input.context()).toJson();
    }

    private static List<Path> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }
}
