package dev.slipway.execution.adapter.out.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerIgnoreTest {

    @ParameterizedTest(name = "{0} ignores {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            node_modules              | node_modules                 | true
            node_modules              | node_modules/a/b.js          | true
            node_modules              | src/node_modules             | false
            /node_modules             | node_modules/x               | true
            ./build//out/             | build/out/app.jar            | true
            *.log                     | app.log                      | true
            *.log                     | logs/app.log                 | false
            */*.log                   | logs/app.log                 | true
            **/*.log                  | logs/deep/app.log            | true
            **/*.log                  | app.log                      | true
            logs/**                   | logs/a/b                     | true
            logs/**                   | logsx/a                      | false
            a/**/b                    | a/b                          | true
            a/**/b                    | a/x/y/b                      | true
            a/**/b                    | a/x/y/c                      | false
            file?.txt                 | file1.txt                    | true
            file?.txt                 | file10.txt                   | false
            file[0-9].txt             | file7.txt                    | true
            file[!0-9].txt            | filex.txt                    | true
            file[!0-9].txt            | file7.txt                    | false
            file.txt                  | fileXtxt                     | false
            a+b(c)                    | a+b(c)                       | true
            \\*                       | *                            | true
            \\*                       | x                            | false
            secret/                   | secret/key.pem               | true
            """)
    void matchesOnePatternAsTheCliDoes(String pattern, String path, boolean ignored) {
        // Verifies the pattern language: *, ?, classes, **, escapes, cleaning, and parents that match.
        assertThat(DockerIgnore.parse(pattern).ignores(path)).isEqualTo(ignored);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            docs/keep.md      | false
            docs/other.md     | true
            docs              | true
            README.md         | false
            x.md              | true
            """)
    void laterPatternsAndExceptionsDecide(String path, boolean ignored) {
        // Verifies that the last matching pattern decides, that ! re-includes, and comments and blanks are skipped.
        DockerIgnore ignore = DockerIgnore.parse("""
                # comment
                *.md

                docs
                  !README.md  \r
                !docs/keep.md
                """);

        assertThat(ignore.ignores(path)).isEqualTo(ignored);
        assertThat(ignore.hasExceptions()).isTrue();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a/./b/     | a/b
            /a/../b    | /b
            ../a       | ../a
            ./         | .
            a//b       | a/b
            """)
    void cleansPathsAsGoDoes(String path, String cleaned) {
        // Verifies the lexical clean-up applied to every pattern.
        assertThat(DockerIgnore.clean(path)).isEqualTo(cleaned);
    }

    @org.junit.jupiter.api.Test
    void noFileIgnoresNothing() {
        // Verifies the empty cases: no file, and a file of comments only.
        assertThat(DockerIgnore.none().ignores("anything")).isFalse();
        assertThat(DockerIgnore.parse("# only a comment\n\n").isEmpty()).isTrue();
    }
}
