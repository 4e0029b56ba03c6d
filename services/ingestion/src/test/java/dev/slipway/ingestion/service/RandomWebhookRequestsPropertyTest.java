package dev.slipway.ingestion.service;

import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.GITEA_SECRET;
import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.GITLAB_TOKEN;
import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.REPOSITORY;
import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.slipway.ingestion.IngestionApplication;
import dev.slipway.ingestion.domain.CapturedWebhooks;
import dev.slipway.ingestion.domain.HmacSha256;
import dev.slipway.ingestion.domain.WebhookSecret;
import dev.slipway.testkit.infra.TestInfrastructure;
import dev.slipway.testkit.webhook.GitHubWebhook;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A property of the whole ingestion service, over real HTTP against the shared real PostgreSQL
 * (schema {@code ingestion}) and Kafka broker: whatever a sender posts to a webhook endpoint,
 * the answer is a 2xx or a 4xx problem detail, and nothing is logged as an error.
 *
 * <p>The 10,000 requests are generated from one seed (system property {@code slipway.fuzz.seed}
 * overrides it), each from its own {@code Random(seed, case)}, so that a failure names the seed and
 * the case that reproduce it. jqwik's arbitraries supply the random strings, bytes and numbers.
 */
@SpringBootTest(classes = IngestionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + IngestionApplication.NAME)
class RandomWebhookRequestsPropertyTest {

    private static final int TRIES = 10_000;
    private static final long DEFAULT_SEED = 0x5_11_9_3A7L;
    private static final int MAX_BODY = 64 * 1024;
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] PATHS = {"/hooks/github", "/hooks/gitea", "/hooks/gitlab"};

    private static final List<String> GITHUB_EVENTS =
            List.of("push", "create", "delete", "release", "pull_request", "ping", "issues", "workflow_run");
    private static final List<String> GITEA_EVENTS = List.of("push", "create", "delete", "release", "pull_request",
            "issues", "repository");
    private static final List<String> GITLAB_EVENTS = List.of("Push Hook", "Tag Push Hook", "Merge Request Hook",
            "Release Hook", "Issue Hook", "Pipeline Hook");
    // Keys the parsers look for, so that random JSON reaches past the first lookup now and then.
    private static final List<String> KNOWN_KEYS = List.of("ref", "before", "after", "created", "deleted", "forced",
            "commits", "head_commit", "repository", "full_name", "clone_url", "id", "message", "author", "name",
            "added", "modified", "removed", "sender", "login", "pusher", "object_kind", "project",
            "path_with_namespace", "checkout_sha", "user_username", "ref_type", "action", "pull_request", "release",
            "tag_name", "object_attributes", "zen", "hook_id", "hook", "events", "draft", "tag");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "application/x-www-form-urlencoded", "APPLICATION/JSON", "text/plain", "application/xml",
            "multipart/form-data; boundary=x", "application/", "/", ";;;", "application/json; charset=\"",
            "application/vnd.github+json", "*/*", "application/json;q=x", "x-www-form-urlencoded", "json");

    private static final Arbitrary<String> ASCII = Arbitraries.strings().ascii().ofMaxLength(40);
    private static final Arbitrary<String> VISIBLE = Arbitraries.strings().withCharRange(' ', '~')
            .ofMinLength(1).ofMaxLength(60);
    // No lone surrogates: they cannot be written as UTF-8, so the test, not the service, would fail.
    private static final Arbitrary<String> TEXT = Arbitraries.strings().withCharRange('\u0000', '\uD7FF')
            .ofMaxLength(40);
    private static final Arbitrary<byte[]> BYTES = Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
    private static final Arbitrary<byte[]> SHA = Arbitraries.bytes().array(byte[].class).ofSize(20);
    private static final Arbitrary<Object> NUMBERS = Arbitraries.oneOf(List.<Arbitrary<?>>of(
                    Arbitraries.integers(), Arbitraries.longs(), Arbitraries.doubles(),
                    Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(30).negate(),
                            java.math.BigInteger.TEN.pow(30))))
            .map(Object.class::cast);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, IngestionApplication.NAME);
        registry.add("slipway.repositories.file", () -> DeclaredRepositoriesFile.write().toString());
    }

    @LocalServerPort
    int port;

    @Test
    void answersTenThousandRandomAndMutatedRequestsWithA2xxOrAProblemDetailAndLogsNoError() {
        // Verifies that no random, mutated, mis-signed or mis-headed webhook request gets a 5xx, a 4xx without a
        // problem type, or an error or stack trace in the log.
        long seed = Long.getLong("slipway.fuzz.seed", DEFAULT_SEED);
        List<Captured> captures = captures();
        WebhookClient client = new WebhookClient(port);
        ErrorsInTheLog errors = ErrorsInTheLog.attach();
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        long started = System.nanoTime();
        try {
            for (int tried = 0; tried < TRIES; tried++) {
                Random random = new Random(seed * 1_000_003L + tried);
                Request request = Arbitraries.randomValue(unused -> generate(random, captures)).sample();
                WebhookClient.Answer answer;
                try {
                    answer = client.post(request.path(), request.headers(), request.body());
                } catch (IllegalStateException noAnswer) {
                    failures.add("case " + tried + ": no answer (" + noAnswer.getCause() + ") to " + request);
                    continue;
                }
                statuses.merge(answer.status(), 1, Integer::sum);
                String wrong = whatIsWrongWith(answer);
                if (wrong != null && failures.size() < 20) {
                    failures.add("case " + tried + ": " + wrong + "\n  answer: " + abbreviate(answer.toString())
                            + "\n  request: " + request);
                }
            }
        } finally {
            errors.detach();
        }
        System.out.printf("%d webhook requests (seed %d, %d captured bodies) in %d ms; statuses %s%n", TRIES, seed,
                captures.size(), (System.nanoTime() - started) / 1_000_000, statuses);

        String reproduce = "; reproduce with -Dslipway.fuzz.seed=" + seed;
        assertThat(failures).as("answers that are neither a 2xx nor a 4xx problem detail" + reproduce).isEmpty();
        assertThat(errors.logged()).as("errors and stack traces logged while answering" + reproduce).isEmpty();
        assertThat(statuses.keySet()).as("the requests reached past the first checks: some were accepted")
                .contains(202);
    }

    private static String whatIsWrongWith(WebhookClient.Answer answer) {
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return null;
        }
        if (status < 400 || status >= 500) {
            return "status " + status;
        }
        if (answer.contentType() == null || !answer.contentType().startsWith(PROBLEM_JSON)) {
            return "a " + status + " that is not " + PROBLEM_JSON;
        }
        try {
            String type = answer.problemType();
            return type == null || type.isBlank() ? "a problem detail without a type" : null;
        } catch (JacksonException e) {
            return "a problem detail that is not JSON";
        }
    }

    // --- generating one request -------------------------------------------------------------------------

    private static Request generate(Random random, List<Captured> captures) {
        String path = PATHS[random.nextInt(PATHS.length)];
        int kind = random.nextInt(100);
        byte[] body;
        String contentType = "application/json";
        String event = realEvent(random, path);
        if (kind < 10) {
            body = validPush(random, path);
            event = path.endsWith("gitlab") ? "Push Hook" : "push";
        } else if (kind < 30 && !captures.isEmpty()) {
            Captured captured = captures.get(random.nextInt(captures.size()));
            body = mutateBytes(random, captured.body());
            if (captured.path().equals(path)) {
                event = captured.event();
            }
        } else if (kind < 55 && !captures.isEmpty()) {
            Captured captured = captures.get(random.nextInt(captures.size()));
            path = random.nextInt(10) < 8 ? captured.path() : path;
            event = captured.event();
            body = mutateJson(random, captured.body());
        } else if (kind < 70) {
            body = JSON.writeValueAsBytes(randomJson(random, 0));
        } else if (kind < 80) {
            body = next(BYTES, random);
        } else if (kind < 95) {
            body = brokenForm(random, path);
            contentType = "application/x-www-form-urlencoded";
        } else {
            body = new byte[0];
        }
        if (body.length > MAX_BODY) {
            body = java.util.Arrays.copyOf(body, MAX_BODY);
        }
        return new Request(path, headers(random, path, event, contentType, body), body);
    }

    private static Map<String, String> headers(Random random, String path, String realEvent, String contentType,
                                               byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        int typeChoice = random.nextInt(100);
        if (typeChoice < 75) {
            headers.put("Content-Type", contentType);
        } else if (typeChoice < 92) {
            headers.put("Content-Type", CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size())));
        } else if (typeChoice < 97) {
            headers.put("Content-Type", next(VISIBLE, random));
        }
        String eventHeader;
        String deliveryHeader;
        String signatureHeader;
        switch (path) {
            case "/hooks/github" -> {
                eventHeader = "X-GitHub-Event";
                deliveryHeader = "X-GitHub-Delivery";
                signatureHeader = "X-Hub-Signature-256";
            }
            case "/hooks/gitea" -> {
                boolean forgejo = random.nextBoolean();
                eventHeader = forgejo ? "X-Forgejo-Event" : "X-Gitea-Event";
                deliveryHeader = forgejo ? "X-Forgejo-Delivery" : "X-Gitea-Delivery";
                signatureHeader = forgejo ? "X-Forgejo-Signature" : "X-Gitea-Signature";
            }
            default -> {
                eventHeader = "X-Gitlab-Event";
                deliveryHeader = random.nextBoolean() ? "X-Gitlab-Event-UUID" : "X-Gitlab-Webhook-UUID";
                signatureHeader = "X-Gitlab-Token";
            }
        }
        int eventChoice = random.nextInt(100);
        if (eventChoice < 80) {
            headers.put(eventHeader, realEvent);
        } else if (eventChoice < 95) {
            headers.put(eventHeader, random.nextBoolean() ? next(VISIBLE, random) : realEvent(random, PATHS[random.nextInt(3)]));
        } else if (eventChoice < 97) {
            headers.put(eventHeader, "   ");
        }
        int deliveryChoice = random.nextInt(100);
        if (deliveryChoice < 80) {
            headers.put(deliveryHeader, new UUID(random.nextLong(), random.nextLong()).toString());
        } else if (deliveryChoice < 88) {
            headers.put(deliveryHeader, next(VISIBLE, random));
        } else if (deliveryChoice < 94) {
            headers.put(deliveryHeader, "d".repeat(150 + random.nextInt(4000)));
        } else if (deliveryChoice < 97) {
            headers.put(deliveryHeader, random.nextBoolean() ? " " : "\t");
        }
        int signatureChoice = random.nextInt(100);
        String right = signature(path, body);
        if (signatureChoice < 60) {
            headers.put(signatureHeader, right);
        } else if (signatureChoice < 70) {
            headers.put(signatureHeader, flipOneCharacter(random, right));
        } else if (signatureChoice < 78) {
            headers.put(signatureHeader, path.endsWith("gitlab") ? GITLAB_TOKEN + " " : "sha256=" + right);
        } else if (signatureChoice < 90) {
            headers.put(signatureHeader, next(VISIBLE, random));
        } else if (signatureChoice < 93) {
            headers.put(signatureHeader, "sha256=" + "z".repeat(64));
        }
        return headers;
    }

    private static String signature(String path, byte[] body) {
        return switch (path) {
            case "/hooks/github" -> GitHubWebhook.signature(SECRET, body);
            case "/hooks/gitea" -> HmacSha256.sign(WebhookSecret.of(GITEA_SECRET), body);
            default -> GITLAB_TOKEN;
        };
    }

    private static String realEvent(Random random, String path) {
        List<String> events = switch (path) {
            case "/hooks/github" -> GITHUB_EVENTS;
            case "/hooks/gitea" -> GITEA_EVENTS;
            default -> GITLAB_EVENTS;
        };
        return events.get(random.nextInt(events.size()));
    }

    private static byte[] validPush(Random random, String path) {
        String after = HexFormat.of().formatHex(next(SHA, random));
        if (path.endsWith("gitlab")) {
            return ("""
                    {"object_kind": "push", "ref": "refs/heads/main", "before": "%s", "after": "%s",
                     "checkout_sha": "%s", "user_username": "ada", "project": {"path_with_namespace": "%s"},
                     "commits": [{"id": "%s", "message": "%s", "author": {"name": "Ada"}}]}"""
                    .formatted("1".repeat(40), after, after, REPOSITORY, after, jsonEscaped(next(ASCII, random))))
                    .getBytes(StandardCharsets.UTF_8);
        }
        // A GitHub push body is also what Gitea sends, field for field, for the fields Slipway reads.
        return GitHubWebhook.push(REPOSITORY).branch("main").commit(after, next(TEXT, random)).body();
    }

    private static String jsonEscaped(String text) {
        String quoted = JSON.writeValueAsString(text);
        return quoted.substring(1, quoted.length() - 1);
    }

    // --- mutations ----------------------------------------------------------------------------------------

    /** Cuts, inserts, flips or overwrites a few bytes of {@code original}. */
    private static byte[] mutateBytes(Random random, byte[] original) {
        byte[] body = original.clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int at = body.length == 0 ? 0 : random.nextInt(body.length);
            body = switch (random.nextInt(5)) {
                case 0 -> java.util.Arrays.copyOf(body, at);
                case 1 -> concat(java.util.Arrays.copyOf(body, at), next(BYTES, random),
                        java.util.Arrays.copyOfRange(body, at, body.length));
                case 2 -> {
                    if (body.length > 0) {
                        body[at] ^= (byte) (1 << random.nextInt(8));
                    }
                    yield body;
                }
                case 3 -> {
                    int end = Math.min(body.length, at + 1 + random.nextInt(64));
                    yield concat(java.util.Arrays.copyOf(body, at), java.util.Arrays.copyOfRange(body, end, body.length));
                }
                default -> {
                    byte[] bytes = (random.nextBoolean() ? "null" : "\"" + next(ASCII, random) + "\"")
                            .getBytes(StandardCharsets.UTF_8);
                    yield concat(java.util.Arrays.copyOf(body, at), bytes, java.util.Arrays.copyOfRange(body, at, body.length));
                }
            };
        }
        return body;
    }

    /**
     * Parses {@code original}, points it at the declared repository (so that it reaches the signature
     * check and the parser), then replaces values by values of other types and removes fields.
     */
    @SuppressWarnings("unchecked")
    private static byte[] mutateJson(Random random, byte[] original) {
        Object tree;
        try {
            tree = JSON.readValue(original, Object.class);
        } catch (JacksonException e) {
            return mutateBytes(random, original);
        }
        if (tree instanceof Map<?, ?> map && random.nextInt(10) < 8) {
            declare((Map<String, Object>) map);
        }
        int mutations = random.nextInt(6);
        for (int m = 0; m < mutations; m++) {
            tree = mutateSomewhere(random, tree, 0);
        }
        return JSON.writeValueAsBytes(tree);
    }

    @SuppressWarnings("unchecked")
    private static void declare(Map<String, Object> body) {
        if (body.get("repository") instanceof Map<?, ?> repository) {
            ((Map<String, Object>) repository).put("full_name", REPOSITORY);
        }
        if (body.get("project") instanceof Map<?, ?> project) {
            ((Map<String, Object>) project).put("path_with_namespace", REPOSITORY);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object mutateSomewhere(Random random, Object node, int depth) {
        boolean here = depth > 4 || random.nextInt(4) == 0;
        if (node instanceof Map<?, ?> raw && !raw.isEmpty()) {
            Map<String, Object> map = (Map<String, Object>) raw;
            List<String> keys = new ArrayList<>(map.keySet());
            String key = keys.get(random.nextInt(keys.size()));
            if (here) {
                switch (random.nextInt(3)) {
                    case 0 -> map.remove(key);
                    case 1 -> map.put(key, randomJson(random, 3));
                    default -> map.put(key, otherType(random, map.get(key)));
                }
            } else {
                map.put(key, mutateSomewhere(random, map.get(key), depth + 1));
            }
            return map;
        }
        if (node instanceof List<?> raw && !raw.isEmpty()) {
            List<Object> list = (List<Object>) raw;
            int at = random.nextInt(list.size());
            if (here) {
                switch (random.nextInt(3)) {
                    case 0 -> list.remove(at);
                    case 1 -> list.add(at, randomJson(random, 3));
                    default -> list.set(at, otherType(random, list.get(at)));
                }
            } else {
                list.set(at, mutateSomewhere(random, list.get(at), depth + 1));
            }
            return list;
        }
        return otherType(random, node);
    }

    /** A value of another JSON type than {@code value}: a string for a number, an object for a string, and so on. */
    private static Object otherType(Random random, Object value) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Object other = randomScalarOrEmpty(random);
            if (value == null ? other != null : other == null || !other.getClass().equals(value.getClass())) {
                return other;
            }
        }
        return null;
    }

    private static Object randomScalarOrEmpty(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> next(NUMBERS, random);
            case 3 -> next(TEXT, random);
            case 4 -> "";
            case 5 -> new ArrayList<>();
            case 6 -> new LinkedHashMap<>();
            case 7 -> new ArrayList<>(List.of(next(TEXT, random), 1, new LinkedHashMap<>()));
            default -> "x".repeat(random.nextInt(10_000));
        };
    }

    /** Random JSON, mostly objects, whose keys are often ones a parser looks for. */
    private static Object randomJson(Random random, int depth) {
        int choice = depth >= 4 ? 9 : random.nextInt(depth == 0 ? 8 : 12);
        if (choice < 6) {
            Map<String, Object> object = new LinkedHashMap<>();
            int size = random.nextInt(8);
            for (int i = 0; i < size; i++) {
                String key = random.nextInt(3) > 0 ? KNOWN_KEYS.get(random.nextInt(KNOWN_KEYS.size())) : next(TEXT, random);
                object.put(key, randomJson(random, depth + 1));
            }
            if (depth == 0 && random.nextBoolean()) {
                // Mutable, as the JSON mutations change what they are given.
                object.put("repository", new LinkedHashMap<>(Map.of("full_name", REPOSITORY)));
                object.put("project", new LinkedHashMap<>(Map.of("path_with_namespace", REPOSITORY)));
            }
            return object;
        }
        if (choice < 8) {
            List<Object> array = new ArrayList<>();
            int size = random.nextInt(5);
            for (int i = 0; i < size; i++) {
                array.add(randomJson(random, depth + 1));
            }
            return array;
        }
        return randomScalarOrEmpty(random);
    }

    /** A form body whose {@code payload} field is broken in one of the ways a form can be. */
    private static byte[] brokenForm(Random random, String path) {
        String json = new String(validPush(random, path), StandardCharsets.UTF_8);
        String form = switch (random.nextInt(10)) {
            case 0 -> "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
            case 1 -> "payload=" + json;
            case 2 -> "payload=%zz%" + URLEncoder.encode(json, StandardCharsets.UTF_8) + "%";
            case 3 -> "payload";
            case 4 -> "other=1&payload=";
            case 5 -> "payload=1&payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
            case 6 -> "payload=" + URLEncoder.encode(json.substring(0, random.nextInt(json.length())),
                    StandardCharsets.UTF_8);
            case 7 -> "&&&=&payload=%" + next(VISIBLE, random);
            case 8 -> "payload=" + URLEncoder.encode(JSON.writeValueAsString(randomJson(random, 0)),
                    StandardCharsets.UTF_8);
            default -> next(TEXT, random);
        };
        return form.getBytes(StandardCharsets.UTF_8);
    }

    private static String flipOneCharacter(Random random, String text) {
        char[] chars = text.toCharArray();
        int at = random.nextInt(chars.length);
        chars[at] = chars[at] == 'a' ? 'b' : 'a';
        return new String(chars);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        return joined;
    }

    // Edge cases (empty, extremes) embedded among the random values; only valid where jqwik set up its
    // context, which is why each request is generated inside Arbitraries.randomValue(...).sample().
    private static <T> T next(Arbitrary<T> arbitrary, Random random) {
        return arbitrary.generator(100, true).next(random).value();
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }

    // --- inputs and the log --------------------------------------------------------------------------------

    /** The captured payloads under 64 KB, with the endpoint and event they came to; none where they are absent. */
    private static List<Captured> captures() {
        List<Captured> captures = new ArrayList<>();
        try {
            CapturedWebhooks.github().forEach(c -> captures.add(new Captured("/hooks/github", c.event(), c.bytes())));
            CapturedWebhooks.gitea().forEach(c -> captures.add(new Captured("/hooks/gitea", c.event(), c.bytes())));
            CapturedWebhooks.gitlab().forEach(c -> captures.add(new Captured("/hooks/gitlab", c.event(), c.bytes())));
        } catch (TestAbortedException absent) {
            // The generated inputs are still worth sending; only the mutations of real deliveries are skipped.
            System.out.println("Skipping the mutated real deliveries: " + absent.getMessage());
            return List.of();
        }
        captures.removeIf(captured -> captured.body().length > MAX_BODY);
        return captures;
    }

    private record Captured(String path, String event, byte[] body) {
    }

    private record Request(String path, Map<String, String> headers, byte[] body) {

        @Override
        public String toString() {
            String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return "POST " + path + " " + headers + " body (" + body.length + " bytes): " + text;
        }
    }

    /** Everything logged at ERROR, and everything logged with an exception, while attached to the root logger. */
    private static final class ErrorsInTheLog extends AppenderBase<ILoggingEvent> {

        private final List<String> logged = Collections.synchronizedList(new ArrayList<>());

        static ErrorsInTheLog attach() {
            ErrorsInTheLog appender = new ErrorsInTheLog();
            Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            appender.setContext(root.getLoggerContext());
            appender.start();
            root.addAppender(appender);
            return appender;
        }

        void detach() {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(this);
            stop();
        }

        List<String> logged() {
            synchronized (logged) {
                return List.copyOf(logged);
            }
        }

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.ERROR) || event.getThrowableProxy() != null) {
                String thrown = event.getThrowableProxy() == null ? ""
                        : " " + event.getThrowableProxy().getClassName() + ": " + event.getThrowableProxy().getMessage();
                logged.add(event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage() + thrown);
            }
        }
    }
}
