package dev.slipway.pipeline.template;

import java.util.Optional;
import java.util.regex.Pattern;

/** The rule for Docker tags, {@code [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}}, and how text is cleaned to fit it. */
public final class DockerTag {

    public static final Pattern VALID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final int MAX_LENGTH = 128;

    private DockerTag() {
    }

    public static boolean isValid(String tag) {
        return VALID.matcher(tag).matches();
    }

    /**
     * {@code text} made into a valid tag: every character outside {@code [A-Za-z0-9_.-]} becomes
     * {@code -} (so {@code feature/login} becomes {@code feature-login}), leading {@code .} and
     * {@code -} are dropped, and the result is cut to 128 characters. Empty when nothing is left,
     * because no tag is better than an invented one.
     */
    public static Optional<String> clean(String text) {
        StringBuilder cleaned = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-');
            cleaned.append(allowed ? c : '-');
        }
        int start = 0;
        while (start < cleaned.length() && (cleaned.charAt(start) == '.' || cleaned.charAt(start) == '-')) {
            start++;
        }
        String result = cleaned.substring(start, Math.min(cleaned.length(), start + MAX_LENGTH));
        return result.isEmpty() ? Optional.empty() : Optional.of(result);
    }
}
