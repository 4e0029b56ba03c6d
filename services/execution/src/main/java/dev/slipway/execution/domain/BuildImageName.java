package dev.slipway.execution.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local name of the image that a build makes: {@code slipway/<owner>-<repo>:<buildNumber>}.
 * Repository names from git hosts allow characters, upper case and separators that Docker
 * refuses, so both parts are cleaned into Docker's grammar: a path component of lower-case
 * letters and digits joined by {@code .}, {@code _}, {@code __} or a dash (any other run of
 * separators, or of refused characters, becomes one dash), and a tag of at most
 * 128 word characters, dots and dashes that does not start with a dot or dash.
 * A plan's images get one more path component, their key ({@link #forImage}).
 *
 * @param repository the image repository, such as {@code slipway/acme-app}
 * @param tag        the tag, such as {@code 7}
 */
public record BuildImageName(String repository, String tag) {

    /** Docker's limit on a whole repository name. */
    static final int MAX_REPOSITORY_LENGTH = 255;
    /** Docker's limit on a tag. */
    static final int MAX_TAG_LENGTH = 128;
    /** The namespace every image of Slipway's builds lives under. */
    static final String NAMESPACE = "slipway/";

    private static final Pattern NOT_NAME_CHARACTER = Pattern.compile("[^a-z0-9._-]+");
    private static final Pattern SEPARATOR_RUN = Pattern.compile("[._-]+");
    private static final Pattern VALID_SEPARATOR = Pattern.compile("\\.|_|__|-");
    private static final Pattern NOT_TAG_CHARACTER = Pattern.compile("[^a-z0-9_.-]+");

    public BuildImageName {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
    }

    /** The name of build {@code buildNumber} of the repository {@code owner/name}. */
    public static BuildImageName forBuild(String repositoryName, long buildNumber) {
        String component = pathComponent(repositoryName.replace('/', '-'),
                MAX_REPOSITORY_LENGTH - NAMESPACE.length());
        return new BuildImageName(NAMESPACE + component, tag(Long.toString(buildNumber)));
    }

    /**
     * The name of the image with key {@code key} (such as {@code app} or {@code app@builder}) that
     * build {@code buildNumber} of {@code owner/name} makes: {@code slipway/acme-app/app-builder:7}.
     */
    public static BuildImageName forImage(String repositoryName, String key, long buildNumber) {
        String repository = forBuild(repositoryName, buildNumber).repository();
        int room = MAX_REPOSITORY_LENGTH - repository.length() - 1;
        if (room < 1) {
            repository = repository.substring(0, MAX_REPOSITORY_LENGTH / 2);
            room = MAX_REPOSITORY_LENGTH - repository.length() - 1;
        }
        return new BuildImageName(trimSeparators(repository) + "/" + pathComponent(key, room),
                tag(Long.toString(buildNumber)));
    }

    /**
     * {@code raw} as one valid path component of an image name, at most {@code maxLength} long,
     * or {@code unnamed} when nothing valid is left of it.
     */
    public static String pathComponent(String raw, int maxLength) {
        String lower = raw.toLowerCase(Locale.ROOT);
        String allowed = NOT_NAME_CHARACTER.matcher(lower).replaceAll("-");
        Matcher separators = SEPARATOR_RUN.matcher(allowed);
        StringBuilder joined = new StringBuilder();
        while (separators.find()) {
            String run = separators.group();
            separators.appendReplacement(joined, VALID_SEPARATOR.matcher(run).matches() ? run : "-");
        }
        separators.appendTail(joined);
        String trimmed = trimSeparators(joined.toString());
        if (trimmed.length() > maxLength) {
            trimmed = trimSeparators(trimmed.substring(0, maxLength));
        }
        return trimmed.isEmpty() ? "unnamed" : trimmed;
    }

    /** {@code raw} as a valid tag, lower-cased, or {@code latest} when nothing valid is left of it. */
    public static String tag(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT);
        String allowed = NOT_TAG_CHARACTER.matcher(lower).replaceAll("-");
        int start = 0;
        while (start < allowed.length() && (allowed.charAt(start) == '.' || allowed.charAt(start) == '-')) {
            start++;
        }
        String tag = allowed.substring(start);
        if (tag.length() > MAX_TAG_LENGTH) {
            tag = tag.substring(0, MAX_TAG_LENGTH);
        }
        return tag.isEmpty() ? "latest" : tag;
    }

    private static String trimSeparators(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isSeparator(value.charAt(start))) {
            start++;
        }
        while (end > start && isSeparator(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    private static boolean isSeparator(char c) {
        return c == '.' || c == '_' || c == '-';
    }

    /** {@code repository:tag}, as Docker names the image. */
    @Override
    public String toString() {
        return repository + ":" + tag;
    }
}
