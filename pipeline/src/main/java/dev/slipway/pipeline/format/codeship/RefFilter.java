package dev.slipway.pipeline.format.codeship;

import dev.slipway.pipeline.lint.LintCode;

import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.model.NamePattern;
import dev.slipway.pipeline.source.Node;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Codeship's {@code tag:} and {@code exclude:} step filters. They apply to the branch on a push and
 * to the tag on a tag build: Codeship put both in {@code CI_BRANCH} and matched the filter against
 * it, so they go to {@link dev.slipway.pipeline.model.When#ref()}. A value anchored with {@code ^} or
 * {@code $} is a regular expression, as in Codeship. Any other value is a {@link NamePattern} glob,
 * which for a plain name such as {@code master} is the exact match Codeship made; the lint warns
 * when the value would be read differently from what it looks like.
 */
final class RefFilter {

    /** Things only a regular expression says; as a glob each is a literal character. */
    private static final Pattern REGEX_LOOKS = Pattern.compile("[|()+]|\\.\\*|\\\\[dwsDWS.]|\\{\\d+(,\\d*)?}");
    private static final Pattern GLOB_CHARACTERS = Pattern.compile("[*?\\[{]");

    private RefFilter() {
    }

    /** The pattern of {@code value}, written under {@code key}; empty, after a problem, when it does not compile. */
    static Optional<NamePattern> read(String key, Node.Scalar value, Consumer<Problem> problems) {
        String text = value.value();
        boolean anchored = text.startsWith("^") || text.endsWith("$");
        if (!anchored && REGEX_LOOKS.matcher(text).find()) {
            String regex = "^" + (text.contains("|") ? "(" + text + ")" : text) + "$";
            problems.accept(LintCode.CODESHIP_TAG_LOOKS_LIKE_REGEX.at(value.location(),
                    "`" + key + ": " + text + "` looks like a regular expression but is not anchored with ^ or $, so,"
                            + " as in Codeship, it is read as a plain name that only a branch or tag called exactly `"
                            + text + "` matches",
                    "to use it as a regular expression, anchor it: `" + key + ": '" + regex + "'`"));
        } else if (!anchored && GLOB_CHARACTERS.matcher(text).find()) {
            problems.accept(LintCode.CODESHIP_TAG_GLOB.at(value.location(),
                    "`" + key + ": " + text + "` is matched as a glob by Slipway, so it "
                            + (key.equals("exclude") ? "excludes" : "selects") + " every branch or tag it matches;"
                            + " Codeship compared it as the exact name `" + text + "`, which no branch has",
                    "this is usually what was meant; to match the literal name, escape the glob characters with \\"));
        }
        return NamePattern.parse(text, value.location(), problems);
    }
}
