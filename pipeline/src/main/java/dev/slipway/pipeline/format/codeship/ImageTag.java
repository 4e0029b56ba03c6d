package dev.slipway.pipeline.format.codeship;

import dev.slipway.pipeline.lint.LintCode;
import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.source.Node;
import dev.slipway.pipeline.template.TagTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A push step's {@code image_tag}, parsed as a Slipway {@link TagTemplate}. Codeship's tags were Go
 * templates with a few variables Slipway does not have and functions Slipway does not run; those
 * are reported with a Codeship-specific hint instead of the generic template problem.
 */
final class ImageTag {

    /** Codeship template variables with no Slipway equivalent, and what to use instead. */
    static final Map<String, String> CODESHIP_ONLY_VARIABLES = Map.of(
            "CommitMessage", "a commit message is not a Docker tag; use `{{ .ShortCommitID }}`",
            "CommitDescription", "use `{{ .Tag }}` on tag builds, or `{{ .ShortCommitID }}`",
            "CommitterName", "tags naming people leak them into registries; use `{{ .ShortCommitID }}`",
            "CommitterEmail", "tags naming people leak them into registries; use `{{ .ShortCommitID }}`",
            "CommitterUsername", "tags naming people leak them into registries; use `{{ .ShortCommitID }}`",
            "ProjectID", "use `{{ .RepoOwner }}` or `{{ .RepoName }}`",
            "StringTime", "use `{{ .Timestamp }}` (UTC, yyyyMMdd'T'HHmmss'Z')",
            "Ci", "Slipway always builds in CI; remove it");

    private static final Pattern ACTION = Pattern.compile("\\{\\{(.*?)}}");
    private static final Pattern VARIABLE = Pattern.compile("\\s*\\.([A-Za-z_][A-Za-z0-9_]*)\\s*");

    private ImageTag() {
    }

    static TagTemplate parse(Node.Scalar tag, Consumer<Problem> problems) {
        List<String> explained = new ArrayList<>();
        Matcher action = ACTION.matcher(tag.value());
        while (action.find()) {
            String inside = action.group(1);
            Matcher variable = VARIABLE.matcher(inside);
            if (variable.matches()) {
                String name = variable.group(1);
                if (CODESHIP_ONLY_VARIABLES.containsKey(name)) {
                    explained.add("`." + name + "`");
                    problems.accept(LintCode.CODESHIP_TEMPLATE_VARIABLE.at(tag.location(),
                            "`image_tag: " + tag.value() + "` uses `." + name + "`, a Codeship template variable that"
                                    + " Slipway does not have",
                            CODESHIP_ONLY_VARIABLES.get(name)));
                }
            } else {
                explained.add("`{{" + inside + "}}`");
                problems.accept(LintCode.CODESHIP_TEMPLATE_VARIABLE.at(tag.location(),
                        "`{{" + inside + "}}` in `image_tag: " + tag.value() + "` is a Go template action; Slipway"
                                + " templates only substitute variables",
                        "for a short commit id write `{{ .ShortCommitID }}` (its first 7 characters); for anything else"
                                + " use one of the variables listed in docs/pipeline-reference.md"));
            }
        }
        return TagTemplate.parse(tag.value(), tag.location(), problem -> {
            boolean alreadyExplained = (problem.code().equals(LintCode.TEMPLATE_UNKNOWN_VARIABLE.code())
                    || problem.code().equals(LintCode.TEMPLATE_SYNTAX.code()))
                    && explained.stream().anyMatch(problem.message()::contains);
            if (!alreadyExplained) {
                problems.accept(problem);
            }
        });
    }
}
