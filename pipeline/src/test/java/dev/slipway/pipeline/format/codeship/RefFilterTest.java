package dev.slipway.pipeline.format.codeship;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.model.NamePattern;
import dev.slipway.pipeline.source.Location;
import dev.slipway.pipeline.source.Node;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefFilterTest {

    private final List<Problem> problems = new ArrayList<>();

    private NamePattern read(String value) {
        return RefFilter.read("tag", new Node.Scalar(Location.startOf("codeship-steps.yml"), value, false), problems::add)
                .orElseThrow();
    }

    @Test
    void aPlainNameMatchesOnlyItself() {
        // `master` is an exact match, as in Codeship: not master-old, not old-master.
        NamePattern master = read("master");

        assertThat(master.matches("master")).isTrue();
        assertThat(master.matches("master-old")).isFalse();
        assertThat(master.matches("old-master")).isFalse();
        assertThat(problems).isEmpty();
    }

    @Test
    void anAnchoredValueIsARegularExpression() {
        // Codeship's rule: ^ or $ makes a regex, found anywhere unless anchored at both ends.
        NamePattern releases = read("^(master|release/.*)$");

        assertThat(releases.kind()).isEqualTo(NamePattern.Kind.REGEX);
        assertThat(releases.matches("release/1.2")).isTrue();
        assertThat(releases.matches("hotfix")).isFalse();
        assertThat(problems).isEmpty();
    }

    @Test
    void anUnanchoredRegexStaysAPlainNameAndWarns() {
        // `master|develop` unanchored matched nothing in Codeship and matches nothing here; the lint says so.
        NamePattern either = read("master|develop");

        assertThat(either.matches("master")).isFalse();
        assertThat(problems).extracting(Problem::code).containsExactly("codeship.tag-looks-like-regex");
        assertThat(problems.getFirst().hint()).contains("'^(master|develop)$'");
    }

    @Test
    void aGlobIsMatchedAsAGlobAndWarnsThatCodeshipDidNot() {
        // Slipway reads `feature/*` as the glob it looks like; Codeship compared it literally.
        NamePattern features = read("feature/*");

        assertThat(features.matches("feature/login")).isTrue();
        assertThat(problems).extracting(Problem::code).containsExactly("codeship.tag-glob");
    }

    @Test
    void aBrokenRegexIsAnError() {
        // An anchored value that does not compile is reported with the shared code, not thrown.
        assertThat(RefFilter.read("tag", new Node.Scalar(Location.startOf("f"), "^(unclosed", false), problems::add))
                .isEmpty();
        assertThat(problems).extracting(Problem::code).containsExactly("pattern.invalid");
    }
}
