package dev.slipway.pipeline.format.codeship;

import dev.slipway.pipeline.lint.LintCode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.golden.Fixtures;
import dev.slipway.pipeline.lint.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Lint fixtures: each directory under {@code codeship/lint/} is named after a lint code and holds
 * Codeship files that earn it, with {@code expected.txt} listing every problem the library reports
 * for them ({@code file:line:col: severity code: message}, then the hint indented). Run with
 * {@code -Dslipway.golden.update=true} to rewrite the expected files, and review the diff.
 */
class CodeshipLintFixturesTest {

    private static final Path FIXTURES = CodeshipProject.RESOURCES.resolve("lint");

    @TestFactory
    Stream<DynamicTest> everyFixtureReportsExactlyItsExpectedProblems() throws IOException {
        // Places, severities, codes, messages and hints are all part of what users see, so all are compared.
        return fixtures().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            List<Problem> problems = CodeshipProject.load(CodeshipProject.filesIn(dir)).problems();
            String actual = problems.stream().map(p -> p + "\n    " + p.hint() + "\n").collect(Collectors.joining());
            Path expected = dir.resolve("expected.txt");
            if (Fixtures.UPDATE || !Files.exists(expected)) {
                Fixtures.write(expected, actual);
            }
            assertThat(actual).isEqualTo(CodeshipProject.read(expected));
            assertThat(problems).extracting(Problem::code).contains(dir.getFileName().toString());
        }));
    }

    @Test
    void everyLintCodeHasAFixture() throws IOException {
        // A code without a fixture is a rule nobody has seen fire.
        List<String> fixtures = fixtures().map(d -> d.getFileName().toString()).toList();
        assertThat(fixtures).containsAll(Arrays.stream(LintCode.values()).map(LintCode::code).filter(code -> code.startsWith("codeship.")).toList());
    }

    private static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> dirs = Files.list(FIXTURES)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream();
        }
    }
}
