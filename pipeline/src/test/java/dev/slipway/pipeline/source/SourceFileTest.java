package dev.slipway.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.lint.Problem;
import org.junit.jupiter.api.Test;

class SourceFileTest {

    @Test
    void everyNodeKnowsItsLineAndColumn() {
        // Later problems point at the exact place, so the tree must carry it.
        SourceFile.Read read = SourceFile.read(".slipway.yml", """
                version: 1
                steps:
                  - name: test
                    run: make test
                """);

        Node.Mapping root = (Node.Mapping) read.root().orElseThrow();
        Node.Sequence steps = (Node.Sequence) root.get("steps").orElseThrow();
        Node.Mapping step = (Node.Mapping) steps.items().getFirst();
        Node.Scalar run = (Node.Scalar) step.get("run").orElseThrow();
        assertThat(run.value()).isEqualTo("make test");
        assertThat(run.location()).isEqualTo(new Location(".slipway.yml", 4, 10));
        assertThat(step.entries().getFirst().key().location().toString()).isEqualTo(".slipway.yml:3:5");
        assertThat(read.problems()).isEmpty();
    }

    @Test
    void duplicateKeysAreKeptForTheLinterToReport() {
        // SnakeYAML would keep only the last; the linter needs both to say which one is repeated.
        Node.Mapping root = (Node.Mapping) SourceFile.read("f.yml", "a: 1\na: 2\n").root().orElseThrow();

        assertThat(root.entries()).hasSize(2);
        assertThat(root.entries().get(1).key().location().line()).isEqualTo(2);
    }

    @Test
    void aSyntaxErrorIsAProblemAtItsPlaceNotAnException() {
        // Broken YAML gives a lint problem with file:line:col.
        SourceFile.Read read = SourceFile.read(".slipway.yml", "steps:\n  - name: [unclosed\n");

        assertThat(read.root()).isEmpty();
        Problem problem = read.problems().getFirst();
        assertThat(problem.code()).isEqualTo("yaml.syntax");
        assertThat(problem.isError()).isTrue();
        assertThat(problem.location().line()).isGreaterThanOrEqualTo(2);
        assertThat(problem.toString()).startsWith(".slipway.yml:");
    }

    @Test
    void nullsEmptyValuesAndQuotedStringsAreToldApart() {
        // `~` and an empty value are null; "null" in quotes is the string.
        Node.Mapping root = (Node.Mapping) SourceFile.read("f.yml", "a: ~\nb:\nc: \"null\"\nd: true\n")
                .root().orElseThrow();

        assertThat(((Node.Scalar) root.get("a").orElseThrow()).isNull()).isTrue();
        assertThat(((Node.Scalar) root.get("b").orElseThrow()).isNull()).isTrue();
        Node.Scalar c = (Node.Scalar) root.get("c").orElseThrow();
        assertThat(c.value()).isEqualTo("null");
        assertThat(c.quoted()).isTrue();
        assertThat(((Node.Scalar) root.get("d").orElseThrow()).value()).isEqualTo("true");
    }

    @Test
    void jsonFilesReadLikeYaml() {
        // Codeship's .json forms go through the same reader.
        Node.Mapping root = (Node.Mapping) SourceFile.read("codeship-steps.json",
                "{\"steps\": [{\"service\": \"app\", \"command\": \"make\"}]}").root().orElseThrow();

        assertThat(root.get("steps")).containsInstanceOf(Node.Sequence.class);
    }

    @Test
    void aliasBombsAndEmptyFilesAreProblems() {
        // A hostile file is refused with a problem; an empty one says what a pipeline needs.
        String bomb = """
                a: &a ["x","x","x","x","x","x","x","x","x"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                g: [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                """;

        assertThat(SourceFile.read("bomb.yml", bomb).problems()).extracting(Problem::code).containsExactly("yaml.syntax");
        assertThat(SourceFile.read("empty.yml", "").problems()).extracting(Problem::code).containsExactly("file.empty");
        assertThat(SourceFile.read("empty.yml", "# only a comment\n").problems()).extracting(Problem::code)
                .containsExactly("file.empty");
    }

    @Test
    void aSecondDocumentIsAProblemNotSilentlyDropped() {
        // Everything after `---` would otherwise be ignored without a word.
        SourceFile.Read read = SourceFile.read("f.yml", "version: 1\n---\nsteps: []\n");

        assertThat(read.root()).isEmpty();
        assertThat(read.problems()).extracting(Problem::code).containsExactly("yaml.syntax");
        assertThat(read.problems().getFirst().location().line()).isEqualTo(2);
    }

    @Test
    void anAliasSharesItsAnchorsNodeAndAnUndefinedOneIsAProblem() {
        // Aliases expand to what their anchor says; one without an anchor is reported at its place.
        Node.Mapping root = (Node.Mapping) SourceFile.read("f.yml", "a: &x {k: v}\nb: *x\n").root().orElseThrow();
        assertThat(root.get("b")).contains(root.get("a").orElseThrow());

        SourceFile.Read broken = SourceFile.read("f.yml", "a: 1\nb: *nowhere\n");
        assertThat(broken.problems()).extracting(Problem::code).containsExactly("yaml.syntax");
        assertThat(broken.problems().getFirst().location().line()).isEqualTo(2);
    }
}
