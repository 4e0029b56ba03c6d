package dev.slipway.pipeline.match;

import dev.slipway.pipeline.model.SkipRules;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Finds skip tokens in commit messages, as {@link SkipRules} describes. */
public final class SkipMessages {

    private static final Pattern TRAILER = Pattern.compile("(?im)^\\s*skip-checks\\s*:\\s*true\\s*$");

    private SkipMessages() {
    }

    /** The first token of {@code rules} that {@code message} contains, as written in the rules. */
    public static Optional<String> tokenIn(String message, SkipRules rules) {
        String lower = message.toLowerCase(Locale.ROOT);
        for (String token : rules.messages()) {
            boolean found = token.equalsIgnoreCase(SkipRules.TRAILER)
                    ? TRAILER.matcher(message).find()
                    : !token.isEmpty() && lower.contains(token.toLowerCase(Locale.ROOT));
            if (found) {
                return Optional.of(token);
            }
        }
        return Optional.empty();
    }
}
