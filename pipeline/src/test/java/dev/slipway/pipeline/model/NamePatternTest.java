package dev.slipway.pipeline.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.source.Location;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamePatternTest {

    @Test
    void aPlainNameMatchesOnlyItself() {
        // `main` is a glob without wildcards: no prefix or substring matches.
        NamePattern main = NamePattern.of("main");
        assertThat(main.kind()).isEqualTo(NamePattern.Kind.GLOB);
        assertThat(main.matches("main")).isTrue();
        assertThat(main.matches("main2")).isFalse();
        assertThat(main.matches("not-main")).isFalse();
    }

    @Test
    void aStarStopsAtSlashesAndADoubleStarDoesNot() {
        // release/* is one level of branch names; docs/** is every path under docs, docs itself included via **/.
        assertThat(NamePattern.of("release/*").matches("release/1.0")).isTrue();
        assertThat(NamePattern.of("release/*").matches("release/1.0/hotfix")).isFalse();
        assertThat(NamePattern.of("docs/**").matches("docs/a/b/c.md")).isTrue();
        assertThat(NamePattern.of("src/**/*.go").matches("src/main.go")).isTrue();
        assertThat(NamePattern.of("src/**/*.go").matches("src/a/b/main.go")).isTrue();
        assertThat(NamePattern.of("*.md").matches("docs/x.md")).isFalse();
    }

    @Test
    void questionMarksSetsAlternativesAndEscapesWork() {
        // The rest of the glob syntax, each once.
        assertThat(NamePattern.of("v?").matches("v1")).isTrue();
        assertThat(NamePattern.of("v[0-9].x").matches("v7.x")).isTrue();
        assertThat(NamePattern.of("v[!0-9]").matches("va")).isTrue();
        assertThat(NamePattern.of("v[!0-9]").matches("v1")).isFalse();
        assertThat(NamePattern.of("{main,develop}").matches("develop")).isTrue();
        assertThat(NamePattern.of("{main,develop}").matches("feature")).isFalse();
        assertThat(NamePattern.of("a\\*b").matches("a*b")).isTrue();
        assertThat(NamePattern.of("a\\*b").matches("axb")).isFalse();
        assertThat(NamePattern.of("v1.0").matches("v1x0")).isFalse();
    }

    @Test
    void aPatternAnchoredWithCaretOrDollarIsARegexFoundAnywhere() {
        // Codeship's rule: ^ or $ makes a regular expression; it need not cover the whole name.
        NamePattern prefix = NamePattern.of("^v");
        assertThat(prefix.kind()).isEqualTo(NamePattern.Kind.REGEX);
        assertThat(prefix.matches("v1.2.3")).isTrue();
        assertThat(prefix.matches("xv1")).isFalse();
        assertThat(NamePattern.of("-rc$").matches("1.0-rc")).isTrue();
        assertThat(NamePattern.of("^release/[0-9]+$").matches("release/12")).isTrue();
        assertThat(NamePattern.of("^release/[0-9]+$").matches("release/12a")).isFalse();
    }

    @Test
    void brokenGlobsAndRegexesAreProblemsNotExceptions() {
        // An unclosed set, an unclosed brace, a stray brace, a bad regex and an empty pattern are each reported.
        List<Problem> problems = new ArrayList<>();
        Location at = new Location("f.yml", 2, 3);
        for (String bad : List.of("release/[0-9", "{a,b", "a}", "^v(1", "", "x\\")) {
            assertThat(NamePattern.parse(bad, at, problems::add)).as(bad).isEmpty();
        }
        assertThat(problems).hasSize(6).allSatisfy(p -> {
            assertThat(p.code()).isEqualTo("pattern.invalid");
            assertThat(p.location()).isEqualTo(at);
        });
    }

    @Test
    void anAbsentNamePassesOnlyFiltersWithoutIncludes() {
        // A tag event has no branch: `branch: main` fails it, `branch: {exclude: [wip/*]}` does not.
        PatternFilter include = PatternFilter.including(List.of(NamePattern.of("main")));
        PatternFilter exclude = new PatternFilter(List.of(), List.of(NamePattern.of("wip/*")));
        assertThat(include.admits("")).isFalse();
        assertThat(exclude.admits("")).isTrue();
        assertThat(exclude.admits("wip/x")).isFalse();
        assertThat(PatternFilter.ANY.admits(null)).isTrue();
    }
}
