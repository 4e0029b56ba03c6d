package dev.slipway.pipeline.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.Pipelines;
import dev.slipway.pipeline.source.SourceFile;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LintCodeTest {

    @Test
    void codesAreUniqueLowercaseAndDotted() {
        // Codes are a public contract: printed by the CLI, searched for by users.
        List<String> codes = Arrays.stream(LintCode.values()).map(LintCode::code).toList();
        assertThat(codes).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z]+\\.[a-z-]+"));
        assertThat(LintCode.of("key.unknown")).contains(LintCode.KEY_UNKNOWN);
    }

    @Test
    void aFileOverOneMebibyteIsTooLarge() {
        // The one code no fixture file can show without committing a megabyte.
        String huge = "version: 1\n# " + "x".repeat(SourceFile.MAX_CHARACTERS) + "\n";

        assertThat(Pipelines.load(".slipway.yml", huge).problems()).extracting(Problem::code).containsExactly("file.too-large");
    }

    @Test
    void suggestionsFindTyposButNotUnrelatedWords() {
        // "Did you mean" is only useful when it is close; a wild guess misleads.
        assertThat(Suggestions.closest("wehn", List.of("name", "when", "run"))).contains("when");
        assertThat(Suggestions.closest("Image", List.of("image"))).contains("image");
        assertThat(Suggestions.closest("deploy", List.of("name", "when", "run"))).isEmpty();
        assertThat(Suggestions.closest("run", List.of("run"))).isEmpty();
    }
}
