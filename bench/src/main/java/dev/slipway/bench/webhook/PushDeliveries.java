package dev.slipway.bench.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed GitHub push deliveries, built once before a run so that the generator spends nothing on
 * them while it measures: for each repository a few variants of a realistic push body (about
 * 8 KB: three commits with their changed paths, the full repository object and the sender, as
 * GitHub sends them), each with its {@code X-Hub-Signature-256}. Only the delivery id changes from
 * one request to the next.
 */
final class PushDeliveries {

    /** One body, the repository it names, and its signature header value. */
    record Push(String repository, byte[] body, String signature) {
    }

    private final List<Push> pushes;

    /**
     * @param repositories {@code owner/name} of each declared repository
     * @param secret       the webhook secret of every one of them
     * @param commit       the SHA every push moves its branch to, so that a clone finds it
     * @param variants     bodies per repository
     */
    PushDeliveries(List<String> repositories, String secret, String commit, int variants) {
        SplittableRandom random = new SplittableRandom(42);
        List<Push> all = new ArrayList<>();
        for (int v = 0; v < variants; v++) {
            // Interleaved, so that consecutive requests name different repositories.
            for (String repository : repositories) {
                byte[] body = pushBody(repository, commit, v, random).getBytes(StandardCharsets.UTF_8);
                all.add(new Push(repository, body, "sha256=" + HexFormat.of().formatHex(hmacSha256(secret, body))));
            }
        }
        this.pushes = List.copyOf(all);
    }

    /** The {@code n}th push of a run: the bodies in turn. */
    Push push(long n) {
        return pushes.get((int) Math.floorMod(n, (long) pushes.size()));
    }

    /** How big the bodies are on average, in bytes. */
    int averageBodySize() {
        return (int) pushes.stream().mapToInt(p -> p.body().length).average().orElse(0);
    }

    /**
     * A delivery id in GitHub's form (a UUID), unique within the run: {@code runBits} tell runs apart,
     * {@code n} requests within a run.
     */
    static String deliveryId(long runBits, long n) {
        long high = (runBits & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        long low = (n & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new java.util.UUID(high, low).toString();
    }

    static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static String pushBody(String repository, String commit, int variant, SplittableRandom random) {
        String owner = repository.substring(0, repository.indexOf('/'));
        String name = repository.substring(repository.indexOf('/') + 1);
        String before = sha(random);
        String[] ids = {sha(random), sha(random), commit};
        Instant pushedAt = Instant.parse("2026-11-20T10:15:30Z").plusSeconds(variant * 97L);
        String[] messages = {
            "Move the invoice export behind a feature flag (#" + (1200 + variant) + ")",
            "Retry the payment provider on 503 with jittered back-off\n\nThe provider asks for it in its docs; "
                    + "three tries with 200-800 ms between them.",
            "Release notes for 2." + variant + ".0",
        };
        StringBuilder json = new StringBuilder(9_000);
        json.append("{\"ref\":\"refs/heads/main\",\"before\":\"").append(before).append("\",\"after\":\"")
                .append(commit).append("\",\"repository\":");
        repositoryObject(json, owner, name, pushedAt);
        json.append(",\"pusher\":{\"name\":\"").append(owner).append("-dev\",\"email\":\"dev@")
                .append(owner).append(".example\"},\"sender\":");
        user(json, owner + "-dev", 5_000_000 + variant);
        json.append(",\"created\":false,\"deleted\":false,\"forced\":false,\"base_ref\":null,\"compare\":\"https://github.com/")
                .append(repository).append("/compare/").append(before, 0, 12).append("...").append(commit, 0, 12)
                .append("\",\"commits\":[");
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            commitObject(json, repository, ids[i], messages[i], pushedAt.minusSeconds(600L - i * 200L), owner, i);
        }
        json.append("],\"head_commit\":");
        commitObject(json, repository, commit, messages[2], pushedAt.minusSeconds(200), owner, 2);
        json.append('}');
        return json.toString();
    }

    private static void repositoryObject(StringBuilder json, String owner, String name, Instant pushedAt) {
        String full = owner + "/" + name;
        String api = "https://api.github.com/repos/" + full;
        json.append("{\"id\":").append(Math.abs(full.hashCode())).append(",\"node_id\":\"R_kgDOH")
                .append(Integer.toHexString(full.hashCode())).append("\",\"name\":\"").append(name)
                .append("\",\"full_name\":\"").append(full).append("\",\"private\":true,\"owner\":");
        user(json, owner, Math.abs(owner.hashCode()));
        json.append(",\"html_url\":\"https://github.com/").append(full)
                .append("\",\"description\":\"Benchmark repository of Slipway's ingestion\",\"fork\":false,\"url\":\"")
                .append(api).append('"');
        String[] plain = {"forks", "keys", "collaborators", "teams", "hooks", "issue_events", "events", "assignees",
            "branches", "tags", "blobs", "git_tags", "git_refs", "trees", "statuses", "languages", "stargazers",
            "contributors", "subscribers", "subscription", "commits", "git_commits", "comments", "issue_comment",
            "contents", "compare", "merges", "archive", "downloads", "issues", "pulls", "milestones",
            "notifications", "labels", "releases", "deployments"};
        for (String field : plain) {
            json.append(",\"").append(field).append("_url\":\"").append(api).append('/').append(field)
                    .append("{/id}\"");
        }
        json.append(",\"created_at\":1700000000,\"updated_at\":\"2026-11-20T10:00:00Z\",\"pushed_at\":")
                .append(pushedAt.getEpochSecond()).append(",\"git_url\":\"git://github.com/").append(full)
                .append(".git\",\"ssh_url\":\"git@github.com:").append(full).append(".git\",\"clone_url\":\"https://github.com/")
                .append(full).append(".git\",\"svn_url\":\"https://github.com/").append(full)
                .append("\",\"homepage\":null,\"size\":18342,\"stargazers_count\":12,\"watchers_count\":12,")
                .append("\"language\":\"Java\",\"has_issues\":true,\"has_projects\":false,\"has_downloads\":true,")
                .append("\"has_wiki\":false,\"has_pages\":false,\"forks_count\":1,\"mirror_url\":null,\"archived\":false,")
                .append("\"disabled\":false,\"open_issues_count\":7,\"license\":null,\"allow_forking\":false,")
                .append("\"is_template\":false,\"topics\":[\"ci\",\"payments\"],\"visibility\":\"private\",\"forks\":1,")
                .append("\"open_issues\":7,\"watchers\":12,\"default_branch\":\"main\",\"stargazers\":12,")
                .append("\"master_branch\":\"main\",\"organization\":\"").append(owner).append("\"}");
    }

    private static void user(StringBuilder json, String login, int id) {
        String api = "https://api.github.com/users/" + login;
        json.append("{\"name\":\"").append(login).append("\",\"email\":\"").append(login)
                .append("@users.noreply.github.com\",\"login\":\"").append(login).append("\",\"id\":").append(id)
                .append(",\"node_id\":\"MDQ6VXNlcj").append(id).append("\",\"avatar_url\":\"https://avatars.githubusercontent.com/u/")
                .append(id).append("?v=4\",\"gravatar_id\":\"\",\"url\":\"").append(api).append("\",\"html_url\":\"https://github.com/")
                .append(login).append('"');
        String[][] links = {{"followers", "followers"}, {"following", "following{/other_user}"},
            {"gists", "gists{/gist_id}"}, {"starred", "starred{/owner}{/repo}"}, {"subscriptions", "subscriptions"},
            {"organizations", "orgs"}, {"repos", "repos"}, {"events", "events{/privacy}"},
            {"received_events", "received_events"}};
        for (String[] link : links) {
            json.append(",\"").append(link[0]).append("_url\":\"").append(api).append('/').append(link[1]).append('"');
        }
        json.append(",\"type\":\"User\",\"site_admin\":false}");
    }

    private static void commitObject(StringBuilder json, String repository, String id, String message, Instant at,
                                     String owner, int index) {
        String[][] paths = {
            {"src/main/java/invoices/Export.java", "src/main/resources/flags.yml"},
            {"src/main/java/payments/ProviderClient.java", "src/test/java/payments/ProviderClientTest.java"},
            {"CHANGELOG.md", "docs/releases.md"},
        };
        json.append("{\"id\":\"").append(id).append("\",\"tree_id\":\"").append(new StringBuilder(id).reverse())
                .append("\",\"distinct\":true,\"message\":\"").append(message.replace("\n", "\\n"))
                .append("\",\"timestamp\":\"").append(at).append("\",\"url\":\"https://github.com/").append(repository)
                .append("/commit/").append(id).append("\",\"author\":{\"name\":\"").append(owner)
                .append(" developer\",\"email\":\"dev@").append(owner).append(".example\",\"username\":\"")
                .append(owner).append("-dev\"},\"committer\":{\"name\":\"GitHub\",\"email\":\"noreply@github.com\",")
                .append("\"username\":\"web-flow\"},\"added\":[");
        if (index == 1) {
            json.append('"').append(paths[index][1]).append('"');
        }
        json.append("],\"removed\":[],\"modified\":[\"").append(paths[index][0]).append('"');
        if (index != 1) {
            json.append(",\"").append(paths[index][1]).append('"');
        }
        json.append("]}");
    }

    private static String sha(SplittableRandom random) {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
