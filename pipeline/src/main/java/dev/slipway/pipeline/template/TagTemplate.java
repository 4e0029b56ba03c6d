package dev.slipway.pipeline.template;

import dev.slipway.pipeline.lint.LintCode;
import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.lint.Suggestions;
import dev.slipway.pipeline.source.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed template: literal text and {@code {{ .Variable }}} references (spaces inside the braces
 * optional). It is parsed once, when the pipeline is read; rendering cannot fail.
 *
 * @param source   the template as written
 * @param location where it was written
 * @param parts    literal text and variables, in order
 */
public record TagTemplate(String source, Location location, List<Part> parts) {

    private static final Pattern REFERENCE = Pattern.compile("\\s*\\.([A-Za-z_][A-Za-z0-9_]*)\\s*");

    public TagTemplate {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(location, "location");
        parts = List.copyOf(parts);
    }

    /** A piece of a template. */
    public sealed interface Part permits Literal, Variable {
    }

    public record Literal(String text) implements Part {
    }

    public record Variable(TemplateVariable variable) implements Part {
    }

    /**
     * Parses {@code source}, reporting unknown variables and syntax errors to {@code problems}. It
     * always returns a template: a broken reference is left out, so that the rest still renders
     * while the error blocks the build.
     */
    public static TagTemplate parse(String source, Location location, Consumer<Problem> problems) {
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (at < source.length()) {
            int open = source.indexOf("{{", at);
            if (open < 0) {
                parts.add(new Literal(source.substring(at)));
                break;
            }
            if (open > at) {
                parts.add(new Literal(source.substring(at, open)));
            }
            int close = source.indexOf("}}", open + 2);
            if (close < 0) {
                problems.accept(LintCode.TEMPLATE_SYNTAX.at(location,
                        "the template `" + source + "` opens `{{` at character " + (open + 1) + " and never closes it",
                        "close it with `}}`, as in `{{ .CommitID }}`"));
                break;
            }
            String inside = source.substring(open + 2, close);
            Matcher reference = REFERENCE.matcher(inside);
            if (!reference.matches()) {
                problems.accept(LintCode.TEMPLATE_SYNTAX.at(location,
                        "`{{" + inside + "}}` in the template `" + source + "` is not a variable reference",
                        "write a variable with a leading dot, such as `{{ .Branch }}`; known: "
                                + String.join(", ", TemplateVariable.names())));
            } else {
                String name = reference.group(1);
                TemplateVariable.named(name).ifPresentOrElse(v -> parts.add(new Variable(v)),
                        () -> problems.accept(LintCode.TEMPLATE_UNKNOWN_VARIABLE.at(location,
                                "the template `" + source + "` uses `." + name + "`, which is not a template variable",
                                join(Suggestions.didYouMean(name, TemplateVariable.names()),
                                        "known: " + String.join(", ", TemplateVariable.names())))));
            }
            at = close + 2;
        }
        return new TagTemplate(source, location, parts);
    }

    /** The literal text of the template, without its variables; what can be checked before any build. */
    public String literalText() {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                text.append(literal.text());
            }
        }
        return text.toString();
    }

    /** Whether the template uses any variable. */
    public boolean isConstant() {
        return parts.stream().noneMatch(p -> p instanceof Variable);
    }

    /** The text the template renders to, as is: for release tags and notes. */
    public String render(TemplateValues values) {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Literal literal -> text.append(literal.text());
                case Variable variable -> text.append(values.valueOf(variable.variable()));
            }
        }
        return text.toString();
    }

    /** The rendered text cleaned into a Docker tag: for image tags. */
    public RenderedTag renderTag(TemplateValues values) {
        return RenderedTag.of(render(values));
    }

    private static String join(String first, String second) {
        return first.isEmpty() ? second : first + " " + second;
    }
}
