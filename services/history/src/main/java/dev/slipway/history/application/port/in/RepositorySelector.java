package dev.slipway.history.application.port.in;

import java.util.regex.Pattern;

/**
 * A repository named the way users name it: by Slipway's id ({@code github:acme/app}) or by its
 * {@code owner/name} alone ({@code acme/app}), which matches it on every git host.
 *
 * @param value the id or the name, as given
 */
public record RepositorySelector(String value) {

    /** What a selector may look like, for error messages. */
    public static final String FORMS = "a repository id such as github:acme/app or a name such as acme/app";

    private static final Pattern ID_OR_NAME = Pattern.compile("([a-z]+:)?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+");

    public RepositorySelector {
        if (value == null || !ID_OR_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not " + FORMS);
        }
    }

    /** Whether this names the repository by its id (with the provider) rather than its name. */
    public boolean isId() {
        return value.indexOf(':') >= 0;
    }
}
