package dev.slipway.pipeline.template;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the variables stand for in one build. Absent values are empty strings, never null, so a
 * template renders on every event (and {@code .Tag} is simply empty on a push).
 */
public record TemplateValues(String commitId, String branch, String tag, long buildNumber, String buildId,
                             String repoOwner, String repoName, Instant timestamp) {

    private static final Pattern SEMVER = Pattern.compile("^v?(\\d+)\\.(\\d+)\\.(\\d+)(?:[-+].*)?$");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public TemplateValues {
        commitId = Objects.requireNonNullElse(commitId, "");
        branch = Objects.requireNonNullElse(branch, "");
        tag = Objects.requireNonNullElse(tag, "");
        buildId = Objects.requireNonNullElse(buildId, "");
        repoOwner = Objects.requireNonNullElse(repoOwner, "");
        repoName = Objects.requireNonNullElse(repoName, "");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** The value of {@code variable} in this build. */
    public String valueOf(TemplateVariable variable) {
        return switch (variable) {
            case COMMIT_ID -> commitId;
            case SHORT_COMMIT_ID -> commitId.length() > 7 ? commitId.substring(0, 7) : commitId;
            case BRANCH -> branch;
            case TAG -> tag;
            case BUILD_NUMBER -> Long.toString(buildNumber);
            case BUILD_ID -> buildId;
            case REPO_OWNER -> repoOwner;
            case REPO_NAME -> repoName;
            case TIMESTAMP -> TIMESTAMP.format(timestamp);
            case MAJOR -> semver(1);
            case MINOR -> semver(2);
            case PATCH -> semver(3);
        };
    }

    private String semver(int group) {
        Matcher matcher = SEMVER.matcher(tag);
        return matcher.matches() ? matcher.group(group) : "";
    }
}
