package dev.slipway.pipeline.lint;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean": the known word closest to a misspelt one, when it is close enough to be a typo. */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate with the smallest edit distance to {@code word}, if that distance is small for
     * the word's length (at most 1 for short words, 2 up to 8 characters, 3 beyond), compared
     * case-insensitively. Ties go to the first candidate, so callers pass candidates in a stable order.
     */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(word.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = word.length() <= 3 ? 1 : word.length() <= 8 ? 2 : 3;
        return best != null && bestDistance <= allowed && !best.equals(word) ? Optional.of(best) : Optional.empty();
    }

    /** {@code ", did you mean `x`?"} or nothing; for the end of a hint. */
    public static String didYouMean(String word, Collection<String> candidates) {
        return closest(word, candidates).map(s -> "did you mean `" + s + "`?").orElse("");
    }

    /** Levenshtein distance, with a transposition counted as one edit (optimal string alignment). */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
