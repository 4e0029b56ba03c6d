package dev.slipway.pipeline.format.codeship;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Paths inside the repository as Codeship wrote them, made relative to the repository root. It
 * only tidies the text ({@code ./}, doubled slashes, {@code a/..}); a path that climbs out of the
 * repository keeps its leading {@code ..} so that the shared lint rule can reject it.
 */
final class RepoPath {

    private RepoPath() {
    }

    /** {@code path} tidied; {@code .} for the root. */
    static String normalize(String path) {
        boolean absolute = path.startsWith("/");
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/+")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) {
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        String joined = String.join("/", parts);
        if (absolute) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }
}
