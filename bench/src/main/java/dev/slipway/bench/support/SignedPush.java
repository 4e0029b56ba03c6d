package dev.slipway.bench.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A GitHub {@code push} delivery of one commit on top of another, signed with the repository's
 * secret, in the shape GitHub sends ({@code forced: false}, the commit with its changed paths).
 */
public final class SignedPush {

    private final HttpClient http;
    private final URI hook;
    private final String repository;
    private final String cloneUrl;
    private final String secret;

    /**
     * @param ingestion  ingestion's base URL, such as {@code http://127.0.0.1:8081}
     * @param repository {@code owner/name}, as declared
     */
    public SignedPush(HttpClient http, String ingestion, String repository, String cloneUrl, String secret) {
        this.http = http;
        this.hook = URI.create(ingestion + "/hooks/github");
        this.repository = repository;
        this.cloneUrl = cloneUrl;
        this.secret = secret;
    }

    /** Posts the push of {@code after} (on top of {@code before}) to {@code main}; the answer's status must be 202. */
    public HttpResponse<String> post(String deliveryId, String before, String after, String message,
                                     List<String> modified) throws IOException, InterruptedException {
        byte[] body = body(before, after, message, modified).getBytes(StandardCharsets.UTF_8);
        HttpRequest post = HttpRequest.newBuilder(hook)
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", deliveryId)
                .header("X-Hub-Signature-256", "sha256=" + hmac(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> answer = http.send(post, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("ingestion answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer;
    }

    private String body(String before, String after, String message, List<String> modified) {
        String owner = repository.substring(0, repository.indexOf('/'));
        String paths = modified.stream().map(SignedPush::quote).collect(Collectors.joining(","));
        String commit = """
                {"id":"%s","tree_id":"%s","distinct":true,"message":%s,"timestamp":"%s",\
                "url":"https://github.com/%s/commit/%s","author":{"name":"Bench","email":"bench@slipway.dev"},\
                "committer":{"name":"Bench","email":"bench@slipway.dev"},"added":[],"removed":[],"modified":[%s]}"""
                .formatted(after, after, quote(message), Instant.now(), repository, after, paths);
        return """
                {"ref":"refs/heads/main","before":"%s","after":"%s","created":false,"deleted":false,"forced":false,\
                "base_ref":null,"compare":"https://github.com/%s/compare/x...y","commits":[%s],"head_commit":%s,\
                "repository":{"id":4242,"name":"%s","full_name":"%s","private":false,"owner":{"login":"%s","id":1},\
                "html_url":"https://github.com/%s","clone_url":"%s","default_branch":"main"},\
                "pusher":{"name":"%s","email":"bench@slipway.dev"},"sender":{"login":"%s","id":1,"type":"User"}}"""
                .formatted(before, after, repository, commit, commit, repository.substring(owner.length() + 1),
                        repository, owner, repository, cloneUrl, owner, owner);
    }

    private String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new delivery id. */
    public static String newDeliveryId() {
        return UUID.randomUUID().toString();
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
