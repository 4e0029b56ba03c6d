package dev.slipway.pipeline.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.source.Location;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TagTemplatePropertyTest {

    @Property(tries = 10_000)
    void anyTemplateWithAnyValuesRendersToAValidDockerTagOrToNothing(@ForAll("templates") String template,
                                                                    @ForAll("values") TemplateValues values) {
        // Whatever the text and the event, the rendered tag is valid, and it is absent only when nothing valid was left.
        RenderedTag rendered = TagTemplate.parse(template, Location.startOf("t.yml"), p -> { }).renderTag(values);

        rendered.tag().ifPresent(tag -> assertThat(DockerTag.isValid(tag)).as(tag).isTrue());
        assertThat(rendered.tag().isPresent()).isEqualTo(DockerTag.clean(rendered.raw()).isPresent());
        assertThat(rendered.cleaned()).isEqualTo(!rendered.tag().map(rendered.raw()::equals).orElse(rendered.raw().isEmpty()));
    }

    @Provide
    Arbitrary<String> templates() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of(TemplateVariable.names()).map(n -> "{{ ." + n + " }}"),
                Arbitraries.of("{{", "}}", "{{ .", "{{ .Nope }}", "{{.Tag}}", "/", ".", "-", "_", " ", "@", ":", "é", "\n"),
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(8));
        return pieces.list().ofMaxSize(10).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<TemplateValues> values() {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(150),
                Arbitraries.of("main", "feature/x", "v1.2.3", "", "..", "-x", "1.0.0-rc.1+build"));
        return Combinators.combine(text, text, text, Arbitraries.longs().between(1, Long.MAX_VALUE), text, text, text)
                .as((commit, branch, tag, number, id, owner, name) ->
                        new TemplateValues(commit, branch, tag, number, id, owner, name, Instant.parse("2026-01-31T12:00:00Z")));
    }
}
