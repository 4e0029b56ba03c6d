package dev.slipway.pipeline.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.Pipelines;
import dev.slipway.pipeline.golden.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * One fixture per lint code: {@code lint/<code>.yml} ends with {@code # expect: line:col severity code}
 * lines that list every problem the file gives, in order. A first line {@code # as: NAME} loads it
 * under another file name.
 */
class LintFixtureTest {

    private static final Path FIXTURES = Fixtures.resources("lint");
    private static final String EXPECT = "# expect: ";

    /** Codes that no single file can show when linting, and the test that covers each. */
    private static final Set<String> COVERED_ELSEWHERE = Set.of(
            "file.too-large", // needs a file over 1 MiB: LintCodeTest.aFileOverOneMebibyteIsTooLarge
            "template.empty-tag", // reported when planning: golden case compile/branch-tag-cleaned
            "format.unsupported"); // needs two files: PipelinesTest.aSecondPipelineFileIsReportedNotMerged

    @TestFactory
    Stream<DynamicTest> everyFixtureGivesExactlyTheProblemsItExpects() throws IOException {
        // Each fixture's problems (place, severity, code) equal its expect lines, and include its own code.
        return fixtures().stream().map(code -> DynamicTest.dynamicTest(code, () -> {
            Path file = FIXTURES.resolve(code + ".yml");
            String text = Fixtures.read(file);
            String original = text;
            String content = original.lines().filter(l -> !l.startsWith(EXPECT)).collect(Collectors.joining("\n", "", "\n"));
            String name = original.startsWith("# as: ") ? original.lines().findFirst().orElseThrow().substring(6).strip() : ".slipway.yml";
            List<String> actual = Pipelines.load(name, content).problems().stream()
                    .map(p -> p.location().line() + ":" + p.location().column() + " " + p.severity().label() + " " + p.code())
                    .toList();
            if (Fixtures.UPDATE) {
                text = content + actual.stream().map(a -> EXPECT + a + "\n").collect(Collectors.joining());
                Fixtures.write(file, text);
            }
            List<String> expected = text.lines().filter(l -> l.startsWith(EXPECT)).map(l -> l.substring(EXPECT.length())).toList();
            assertThat(actual).isEqualTo(expected);
            assertThat(actual).anyMatch(a -> a.endsWith(" " + code));
        }));
    }

    @Test
    void everyLintCodeHasAFixtureOrANamedTestElsewhere() throws IOException {
        // A new code without a fixture would go unshown; this lists the missing ones.
        List<String> fixtures = fixtures();
        // The codeship.* codes have their fixtures beside the Codeship reader's (CodeshipLintFixturesTest).
        Set<String> missing = Arrays.stream(LintCode.values()).map(LintCode::code)
                .filter(c -> !c.startsWith("codeship."))
                .filter(c -> !fixtures.contains(c) && !COVERED_ELSEWHERE.contains(c)).collect(Collectors.toSet());
        assertThat(missing).isEmpty();
    }

    private static List<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        }
    }
}
