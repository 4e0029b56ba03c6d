package dev.slipway.pipeline.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.source.Location;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagTemplateTest {

    private static final Location HERE = new Location(".slipway.yml", 3, 7);
    private static final TemplateValues VALUES = new TemplateValues("0123456789abcdef0123456789abcdef01234567",
            "feature/login", "v1.2.3-rc.1", 42, "b-42", "acme", "app", Instant.parse("2026-01-31T12:34:56Z"));

    private static String render(String template) {
        List<Problem> problems = new ArrayList<>();
        String rendered = TagTemplate.parse(template, HERE, problems::add).render(VALUES);
        assertThat(problems).isEmpty();
        return rendered;
    }

    @Test
    void everyVariableRendersItsValue() {
        // Each documented variable stands for the value the issue names.
        assertThat(render("{{ .CommitID }}")).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        assertThat(render("{{ .ShortCommitID }}")).isEqualTo("0123456");
        assertThat(render("{{ .Branch }}")).isEqualTo("feature/login");
        assertThat(render("{{ .Tag }}")).isEqualTo("v1.2.3-rc.1");
        assertThat(render("{{ .BuildNumber }}")).isEqualTo("42");
        assertThat(render("{{ .BuildID }}")).isEqualTo("b-42");
        assertThat(render("{{ .RepoOwner }}/{{ .RepoName }}")).isEqualTo("acme/app");
        assertThat(render("{{ .Timestamp }}")).isEqualTo("20260131T123456Z");
        assertThat(render("{{ .Major }}.{{ .Minor }}.{{ .Patch }}")).isEqualTo("1.2.3");
    }

    @Test
    void spacesInsideTheBracesAreOptionalAndLiteralTextIsKept() {
        // `{{.Tag}}` and `{{ .Tag }}` mean the same; text around variables stays as written.
        assertThat(render("v{{.Major}}-{{ .BuildNumber }}-x")).isEqualTo("v1-42-x");
        assertThat(render("latest")).isEqualTo("latest");
    }

    @Test
    void semverPartsAreEmptyForATagThatIsNotSemver() {
        // .Major/.Minor/.Patch are only defined for vX.Y.Z (with or without v, with or without a suffix).
        TemplateValues nightly = new TemplateValues("c", "", "nightly", 1, "b", "o", "r", Instant.EPOCH);
        TagTemplate template = TagTemplate.parse("{{ .Major }}", HERE, p -> { });
        assertThat(template.render(nightly)).isEmpty();
        assertThat(template.render(new TemplateValues("c", "", "2.0.1", 1, "b", "o", "r", Instant.EPOCH))).isEqualTo("2");
    }

    @Test
    void anUnknownVariableIsAnErrorThatSuggestsTheClosestName() {
        // `.Commit` is a typo of `.CommitID`; the problem says so and points at the template.
        List<Problem> problems = new ArrayList<>();
        TagTemplate.parse("{{ .Commit }}", HERE, problems::add);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("template.unknown-variable");
            assertThat(p.isError()).isTrue();
            assertThat(p.location()).isEqualTo(HERE);
            assertThat(p.hint()).startsWith("did you mean `CommitID`?");
        });
    }

    @Test
    void anUnclosedOrMalformedReferenceIsASyntaxError() {
        // `{{ .CommitID` never closes and `{{ CommitID }}` lacks the dot: both are template.syntax.
        List<Problem> problems = new ArrayList<>();
        TagTemplate.parse("{{ .CommitID", HERE, problems::add);
        TagTemplate.parse("{{ CommitID }}", HERE, problems::add);

        assertThat(problems).extracting(Problem::code).containsExactly("template.syntax", "template.syntax");
    }

    @Test
    void renderingCleansIntoAValidDockerTagAndSaysSo() {
        // A branch with a slash becomes a valid tag, and the result records that it was cleaned.
        RenderedTag rendered = TagTemplate.parse("{{ .Branch }}", HERE, p -> { }).renderTag(VALUES);

        assertThat(rendered.tag()).contains("feature-login");
        assertThat(rendered.cleaned()).isTrue();
        assertThat(TagTemplate.parse("{{ .ShortCommitID }}", HERE, p -> { }).renderTag(VALUES).cleaned()).isFalse();
    }

    @Test
    void cleaningDropsLeadingDotsAndDashesCutsAt128AndGivesNothingForNothing() {
        // The Docker rule: first character [A-Za-z0-9_], then [A-Za-z0-9_.-], at most 128 in all.
        assertThat(DockerTag.clean("..-v1")).contains("v1");
        assertThat(DockerTag.clean("_ok")).contains("_ok");
        assertThat(DockerTag.clean("a".repeat(200))).contains("a".repeat(128));
        assertThat(DockerTag.clean("")).isEmpty();
        assertThat(DockerTag.clean("/..")).isEmpty();
        assertThat(DockerTag.clean("héllo wörld")).contains("h-llo-w-rld");
    }
}
