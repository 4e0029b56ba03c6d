package dev.slipway.history.service;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The history's REST API over real HTTP, as a script or the CLI would call it. */
final class HistoryApi {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final URI base;

    HistoryApi(int port) {
        this.base = URI.create("http://localhost:" + port);
    }

    record Response(int status, String contentType, String body) {
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    Response get(String path, String accept) {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).header("Accept", accept).timeout(Duration.ofSeconds(10))
                .GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + path, e);
        }
    }

    /** GET {@code path} as JSON, which must answer 200. */
    JsonNode json(String path) {
        Response response = get(path, "application/json");
        if (response.status() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.status() + ": " + response.body());
        }
        return parse(response.body());
    }

    JsonNode parse(String body) {
        return json.readTree(body);
    }

    /** Polls build {@code id} until it exists and satisfies {@code condition}; returns that state. */
    JsonNode awaitBuild(UUID id, Predicate<JsonNode> condition) {
        return await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> json("/api/builds/" + id), condition::test);
    }

    /** Polls {@code path} until its JSON satisfies {@code condition}; returns that answer. */
    JsonNode awaitJson(String path, Predicate<JsonNode> condition) {
        return await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> json(path), condition::test);
    }

    HttpClient http() {
        return http;
    }
}
