package dev.slipway.testkit.webhook;

import dev.slipway.testkit.git.GitCommit;
import dev.slipway.testkit.git.LocalGitRepository;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * GitHub webhook deliveries for tests, shaped like the real ones.
 *
 * <p>{@link #push(String)} builds a {@code push} delivery: the body has the fields of a captured
 * GitHub push ({@code ref}, {@code before}, {@code after}, {@code created}, {@code deleted},
 * {@code forced}, {@code base_ref}, {@code compare}, {@code commits}, {@code head_commit},
 * {@code repository} with its {@code owner}, {@code pusher}, {@code sender}), and the headers are
 * those GitHub sends, signed with the secret given. {@link #delivery} signs any other body, such
 * as a captured payload. {@link #signature} is the {@code X-Hub-Signature-256} value for a body.
 *
 * <p>The body is produced once, at {@code deliver}, and signed as those exact bytes.
 */
public final class GitHubWebhook {

    /** The SHA-1 GitHub puts in {@code before} for a new ref and in {@code after} for a deleted one. */
    public static final String ZERO_SHA = "0".repeat(40);

    static final String EVENT_HEADER = "X-GitHub-Event";
    static final String DELIVERY_HEADER = "X-GitHub-Delivery";
    static final String SIGNATURE_256_HEADER = "X-Hub-Signature-256";
    static final String SIGNATURE_HEADER = "X-Hub-Signature";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private GitHubWebhook() {
    }

    /** A builder for a push to repository {@code fullName} ({@code owner/name}), by default to {@code main}. */
    public static Push push(String fullName) {
        return new Push(fullName);
    }

    /**
     * A delivery of {@code body} as event {@code event}, with a new delivery id, signed with
     * {@code secret}; {@code secret} {@code null} leaves the signature headers out, as GitHub
     * does for a webhook without a secret.
     */
    public static WebhookDelivery delivery(String event, byte[] body, String secret) {
        return delivery(event, UUID.randomUUID().toString(), 0, body, secret);
    }

    /**
     * The value of {@code X-Hub-Signature-256} for {@code body}: {@code sha256=} and the
     * lower-case hex HMAC-SHA256 of the body, keyed with the UTF-8 bytes of {@code secret}.
     */
    public static String signature(String secret, byte[] body) {
        return "sha256=" + hmac("HmacSHA256", secret, body);
    }

    /** The legacy {@code X-Hub-Signature} value (HMAC-SHA1), which GitHub still sends beside the SHA-256 one. */
    static String sha1Signature(String secret, byte[] body) {
        return "sha1=" + hmac("HmacSHA1", secret, body);
    }

    private static String hmac(String algorithm, String secret, byte[] body) {
        Objects.requireNonNull(secret, "secret");
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JVM has " + algorithm, e);
        }
    }

    private static WebhookDelivery delivery(String event, String deliveryId, long repositoryId, byte[] body, String secret) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "GitHub-Hookshot/8e03811");
        headers.put(DELIVERY_HEADER, deliveryId);
        headers.put(EVENT_HEADER, event);
        headers.put("X-GitHub-Hook-ID", "402963351");
        if (repositoryId > 0) {
            headers.put("X-GitHub-Hook-Installation-Target-ID", Long.toString(repositoryId));
            headers.put("X-GitHub-Hook-Installation-Target-Type", "repository");
        }
        if (secret != null) {
            headers.put(SIGNATURE_HEADER, sha1Signature(secret, body));
            headers.put(SIGNATURE_256_HEADER, signature(secret, body));
        }
        return new WebhookDelivery(headers, body);
    }

    /**
     * A {@code push} delivery under construction. By default it pushes one commit to
     * {@code refs/heads/main} of an existing branch, from a random {@code before} SHA-1, by
     * {@code Slipway Test}. Not thread-safe.
     */
    public static final class Push {

        private final String owner;
        private final String name;
        private long repositoryId;
        private String cloneUrl;
        private String htmlUrl;
        private String defaultBranch = "main";
        private boolean privateRepository;
        private String ref = "refs/heads/main";
        private String baseRef;
        private String before = randomSha();
        private String after;
        private final List<PushCommit> commits = new ArrayList<>();
        private boolean deleted;
        private boolean forced;
        private String pusherName;
        private String pusherEmail;
        private String senderLogin;
        private String deliveryId = UUID.randomUUID().toString();

        private Push(String fullName) {
            String[] parts = Objects.requireNonNull(fullName, "fullName").split("/", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("A repository is named owner/name, got '" + fullName + "'");
            }
            this.owner = parts[0];
            this.name = parts[1];
            this.repositoryId = stableId(fullName);
            this.htmlUrl = "https://github.com/" + fullName;
            this.cloneUrl = htmlUrl + ".git";
        }

        /** The numeric repository id; by default one derived from the full name. */
        public Push repositoryId(long id) {
            this.repositoryId = id;
            return this;
        }

        /** {@code repository.clone_url}; by default {@code https://github.com/<owner>/<name>.git}. */
        public Push cloneUrl(String url) {
            this.cloneUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        /** {@code repository.html_url}, from which commit and compare URLs are built. */
        public Push htmlUrl(String url) {
            this.htmlUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        /** {@code repository.default_branch}; {@code main} by default. */
        public Push defaultBranch(String branch) {
            this.defaultBranch = Objects.requireNonNull(branch, "branch");
            return this;
        }

        /** Whether the repository is private; public by default. */
        public Push privateRepository(boolean isPrivate) {
            this.privateRepository = isPrivate;
            return this;
        }

        /** Pushes to branch {@code branch}: {@code ref} becomes {@code refs/heads/<branch>}. */
        public Push branch(String branch) {
            return ref("refs/heads/" + Objects.requireNonNull(branch, "branch"));
        }

        /** Pushes tag {@code tag}: {@code ref} becomes {@code refs/tags/<tag>}. */
        public Push tag(String tag) {
            return ref("refs/tags/" + Objects.requireNonNull(tag, "tag"));
        }

        /** Sets {@code ref} as it is, for example {@code refs/heads/release/1.x}. */
        public Push ref(String fullRef) {
            this.ref = Objects.requireNonNull(fullRef, "fullRef");
            return this;
        }

        /** {@code base_ref}, which GitHub sets on a tag push to the branch the tag was made on; {@code null} by default. */
        public Push baseRef(String fullRef) {
            this.baseRef = fullRef;
            return this;
        }

        /** The SHA-1 the ref pointed to before; {@link #ZERO_SHA} makes this the creation of the ref. */
        public Push before(String sha) {
            this.before = requireSha(sha);
            return this;
        }

        /** Makes this the push that creates the ref: {@code before} is {@link #ZERO_SHA}, {@code created} true. */
        public Push created() {
            this.before = ZERO_SHA;
            return this;
        }

        /** Makes this the push that deletes the ref: {@code after} is {@link #ZERO_SHA}, no commits, {@code deleted} true. */
        public Push deleted() {
            this.deleted = true;
            this.commits.clear();
            this.after = ZERO_SHA;
            return this;
        }

        /** Whether the push was forced; false by default. */
        public Push forced(boolean wasForced) {
            this.forced = wasForced;
            return this;
        }

        /**
         * The SHA-1 the ref points to after the push. By default the last commit's id; set it
         * for a push that carries no commits, such as a tag on an existing commit.
         */
        public Push after(String sha) {
            this.after = requireSha(sha);
            return this;
        }

        /** Adds a commit with {@code id} and {@code message}, by the default author; the last one added is the head. */
        public Push commit(String id, String message) {
            return commit(PushCommit.of(requireSha(id), message));
        }

        /** Adds a commit; the last one added is {@code head_commit}. */
        public Push commit(PushCommit commit) {
            if (deleted) {
                throw new IllegalStateException("A push that deletes its ref carries no commits");
            }
            this.commits.add(Objects.requireNonNull(commit, "commit"));
            return this;
        }

        /**
         * Describes a push of {@code repository}'s HEAD: its branch, its clone URL, its head commit,
         * and as {@code before} the head's parent (or {@link #ZERO_SHA} for a first commit).
         */
        public Push from(LocalGitRepository repository) {
            GitCommit head = repository.headCommit();
            branch(repository.branch());
            cloneUrl(repository.cloneUrl());
            this.before = head.parentId() == null ? ZERO_SHA : head.parentId();
            this.commits.clear();
            return commit(PushCommit.from(head));
        }

        /** {@code pusher}; by default the sender's login and the head commit's author e-mail. */
        public Push pusher(String pusherName, String email) {
            this.pusherName = Objects.requireNonNull(pusherName, "pusherName");
            this.pusherEmail = Objects.requireNonNull(email, "email");
            return this;
        }

        /** {@code sender.login}; by default the repository owner. */
        public Push sender(String login) {
            this.senderLogin = Objects.requireNonNull(login, "login");
            return this;
        }

        /** {@code X-GitHub-Delivery}; a random UUID by default. */
        public Push deliveryId(String id) {
            this.deliveryId = Objects.requireNonNull(id, "id");
            return this;
        }

        /** The delivery, signed with {@code secret} ({@code null}: unsigned). */
        public WebhookDelivery deliver(String secret) {
            return delivery("push", deliveryId, repositoryId, body(), secret);
        }

        /** The JSON body alone, compact, as GitHub sends it. */
        public byte[] body() {
            List<PushCommit> pushed = deleted ? List.of() : commitsOrDefault();
            PushCommit head = pushed.isEmpty() ? null : pushed.getLast();
            String afterSha = after != null ? after : head != null ? head.id() : ZERO_SHA;
            String sender = senderLogin != null ? senderLogin : owner;

            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ref", ref);
            body.put("before", before);
            body.put("after", afterSha);
            body.put("created", ZERO_SHA.equals(before));
            body.put("deleted", deleted);
            body.put("forced", forced);
            body.put("base_ref", baseRef);
            body.put("compare", htmlUrl + "/compare/" + before.substring(0, 12) + "..." + afterSha.substring(0, 12));
            body.put("commits", pushed.stream().map(this::commitJson).toList());
            body.put("head_commit", head == null ? null : commitJson(head));
            body.put("repository", repositoryJson());
            body.put("pusher", Map.of(
                    "name", pusherName != null ? pusherName : sender,
                    "email", pusherEmail != null ? pusherEmail : head != null ? head.authorEmail() : sender + "@users.noreply.github.com"));
            body.put("sender", userJson(sender));
            return JSON.writeValueAsBytes(body);
        }

        private List<PushCommit> commitsOrDefault() {
            if (!commits.isEmpty()) {
                return List.copyOf(commits);
            }
            if (after != null) {
                return List.of();
            }
            PushCommit only = PushCommit.of(randomSha(), "Update README");
            commits.add(only);
            return List.of(only);
        }

        private Map<String, Object> commitJson(PushCommit commit) {
            Map<String, Object> person = new LinkedHashMap<>();
            person.put("name", commit.authorName());
            person.put("email", commit.authorEmail());
            if (commit.authorUsername() != null) {
                person.put("username", commit.authorUsername());
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", commit.id());
            json.put("tree_id", commit.treeId());
            json.put("distinct", true);
            json.put("message", commit.message());
            json.put("timestamp", ISO.format(commit.timestamp()));
            json.put("url", htmlUrl + "/commit/" + commit.id());
            json.put("author", person);
            json.put("committer", person);
            json.put("added", commit.added());
            json.put("removed", commit.removed());
            json.put("modified", commit.modified());
            return json;
        }

        private Map<String, Object> repositoryJson() {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Map<String, Object> ownerJson = new LinkedHashMap<>();
            ownerJson.put("name", owner);
            ownerJson.put("email", owner + "@users.noreply.github.com");
            ownerJson.putAll(userJson(owner));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", repositoryId);
            json.put("node_id", nodeId("R_", repositoryId));
            json.put("name", name);
            json.put("full_name", owner + "/" + name);
            json.put("private", privateRepository);
            json.put("owner", ownerJson);
            json.put("html_url", htmlUrl);
            json.put("description", null);
            json.put("fork", false);
            json.put("url", htmlUrl);
            json.put("created_at", now.minus(365, ChronoUnit.DAYS).getEpochSecond());
            json.put("updated_at", ISO.format(now.atOffset(ZoneOffset.UTC)));
            json.put("pushed_at", now.getEpochSecond());
            json.put("git_url", htmlUrl.replaceFirst("^https?://", "git://") + ".git");
            json.put("ssh_url", "git@github.com:" + owner + "/" + name + ".git");
            json.put("clone_url", cloneUrl);
            json.put("svn_url", htmlUrl);
            json.put("homepage", null);
            json.put("size", 0);
            json.put("stargazers_count", 0);
            json.put("watchers_count", 0);
            json.put("language", null);
            json.put("forks_count", 0);
            json.put("archived", false);
            json.put("disabled", false);
            json.put("open_issues_count", 0);
            json.put("visibility", privateRepository ? "private" : "public");
            json.put("default_branch", defaultBranch);
            json.put("master_branch", defaultBranch);
            return json;
        }

        private static Map<String, Object> userJson(String login) {
            long id = stableId(login);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("login", login);
            json.put("id", id);
            json.put("node_id", nodeId("U_", id));
            json.put("avatar_url", "https://avatars.githubusercontent.com/u/" + id + "?v=4");
            json.put("html_url", "https://github.com/" + login);
            json.put("type", "User");
            json.put("site_admin", false);
            return json;
        }
    }

    private static long stableId(String text) {
        return (text.hashCode() & 0x7fffffffL) + 1;
    }

    private static String nodeId(String prefix, long id) {
        return prefix + java.util.Base64.getEncoder().withoutPadding()
                .encodeToString(Long.toString(id).getBytes(StandardCharsets.US_ASCII));
    }

    private static String randomSha() {
        byte[] bytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String requireSha(String sha) {
        if (sha == null || !sha.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("A git SHA-1 here is 40 lower-case hex digits, got '" + sha + "'");
        }
        return sha;
    }
}
