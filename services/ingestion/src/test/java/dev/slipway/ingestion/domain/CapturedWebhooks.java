package dev.slipway.ingestion.domain;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook payloads captured from real git hosts, read in place from the shared fixtures
 * beside the checkout ({@code ../shared/fixtures/webhooks}), or from where {@code SLIPWAY_FIXTURES}
 * (system property or environment variable) points. Tests that need them are skipped, with a
 * message saying so, where they are absent.
 */
public final class CapturedWebhooks {

    private static final String PROPERTY = "SLIPWAY_FIXTURES";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    // One table row of SOURCES.md: | `github/go-scm/push.json` | ... | X-GitHub-Event: push ... |
    private static final Pattern GITHUB_ROW = Pattern.compile(
            "^\\| `(github/[^`]+)` \\|.*X-GitHub-Event: ([a-z_]+)", Pattern.MULTILINE);
    private static final Pattern GITEA_ROW = Pattern.compile(
            "^\\| `(gitea/[^`]+)` \\|.*X-Gitea-Event: ([a-z_]+)", Pattern.MULTILINE);
    // GitLab's events are words ending in Hook; a row may go on to say how go-scm replayed it.
    private static final Pattern GITLAB_ROW = Pattern.compile(
            "^\\| `(gitlab/[^`]+)` \\|.*X-Gitlab-Event: ((?:[A-Z][a-z]+ )*Hook)", Pattern.MULTILINE);

    private CapturedWebhooks() {
    }

    /** The folder holding {@code SOURCES.md} and the providers' folders; skips the test where it is absent. */
    public static Path root() {
        Path root = locate();
        assumeTrue(Files.isRegularFile(root.resolve("SOURCES.md")),
                "captured webhook payloads not found at " + root + " (expected ../shared/fixtures/webhooks beside "
                        + "the checkout, or set " + PROPERTY + "); skipping the tests that read them");
        return root;
    }

    /** Every captured GitHub payload with the {@code X-GitHub-Event} it was sent with, as SOURCES.md lists them. */
    public static List<Capture> github() {
        return listed(GITHUB_ROW);
    }

    /** Every captured Gitea payload with the {@code X-Gitea-Event} it was sent with, as SOURCES.md lists them. */
    public static List<Capture> gitea() {
        return listed(GITEA_ROW);
    }

    /**
     * Every captured GitLab payload with the {@code X-Gitlab-Event} that real GitLab sends it with,
     * as SOURCES.md lists them.
     */
    public static List<Capture> gitlab() {
        return listed(GITLAB_ROW);
    }

    /** The captured payloads among {@code captures} that were sent as {@code event}; at least one, or the test fails. */
    public static List<Capture> sentAs(List<Capture> captures, String event) {
        List<Capture> sent = captures.stream().filter(capture -> capture.event().equals(event)).toList();
        if (sent.isEmpty()) {
            throw new AssertionError("SOURCES.md lists no captured payload sent as " + event);
        }
        return sent;
    }

    /** The captured payload at {@code relative}, such as {@code github/go-scm/push.json}, as a JSON tree. */
    public static JsonNode json(String relative) {
        return JSON.readTree(read(relative));
    }

    private static List<Capture> listed(Pattern rows) {
        Path root = root();
        String sources;
        try {
            sources = Files.readString(root.resolve("SOURCES.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Capture> captures = new ArrayList<>();
        Matcher row = rows.matcher(sources);
        while (row.find()) {
            captures.add(new Capture(row.group(1), row.group(2), root.resolve(row.group(1))));
        }
        return captures;
    }

    /** The bytes of the captured payload at {@code relative}, such as {@code github/go-scm/push.json}. */
    public static byte[] read(String relative) {
        try {
            return Files.readAllBytes(root().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path locate() {
        String configured = System.getProperty(PROPERTY, System.getenv(PROPERTY));
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured).toAbsolutePath().normalize();
            return Files.isDirectory(path.resolve("webhooks")) ? path.resolve("webhooks") : path;
        }
        // Under surefire the working directory is the module, services/ingestion.
        return Path.of("").toAbsolutePath().resolve("../../../shared/fixtures/webhooks").normalize();
    }

    /** One captured payload: its path under the fixtures root, the event header it came with, and its file. */
    public record Capture(String name, String event, Path file) {

        public byte[] bytes() {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The payload as a JSON tree. */
        public JsonNode json() {
            return JSON.readTree(bytes());
        }

        @Override
        public String toString() {
            return name + " (" + event + ")";
        }
    }
}
