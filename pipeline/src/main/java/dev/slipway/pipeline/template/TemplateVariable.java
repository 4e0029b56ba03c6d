package dev.slipway.pipeline.template;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The variables a template may name, written {@code {{ .Name }}}. */
public enum TemplateVariable {
    COMMIT_ID("CommitID", "the full commit SHA"),
    SHORT_COMMIT_ID("ShortCommitID", "the first 7 characters of the commit SHA"),
    BRANCH("Branch", "the branch; empty for tag events"),
    TAG("Tag", "the tag; empty unless the event is a tag"),
    BUILD_NUMBER("BuildNumber", "the build's number in its repository, from 1"),
    BUILD_ID("BuildID", "the build's id"),
    REPO_OWNER("RepoOwner", "the repository's owner"),
    REPO_NAME("RepoName", "the repository's name"),
    TIMESTAMP("Timestamp", "the build's start in UTC as yyyyMMdd'T'HHmmss'Z', e.g. 20260131T120000Z"),
    MAJOR("Major", "the major version of a semver tag (v1.2.3 gives 1); empty otherwise"),
    MINOR("Minor", "the minor version of a semver tag; empty otherwise"),
    PATCH("Patch", "the patch version of a semver tag; empty otherwise");

    private final String templateName;
    private final String summary;

    TemplateVariable(String templateName, String summary) {
        this.templateName = templateName;
        this.summary = summary;
    }

    /** The name as written after the dot, such as {@code CommitID}. */
    public String templateName() {
        return templateName;
    }

    public String summary() {
        return summary;
    }

    public static Optional<TemplateVariable> named(String name) {
        return Arrays.stream(values()).filter(v -> v.templateName.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(TemplateVariable::templateName).toList();
    }
}
