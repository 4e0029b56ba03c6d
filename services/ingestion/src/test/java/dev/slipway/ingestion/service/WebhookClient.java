package dev.slipway.ingestion.service;

import dev.slipway.testkit.webhook.WebhookDelivery;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Posts webhook deliveries to the running service over real HTTP, as a git host does. */
final class WebhookClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;
    private final URI hooks;

    WebhookClient(int port) {
        this.base = URI.create("http://localhost:" + port + "/");
        this.hooks = base.resolve("/hooks/github");
    }

    /** Posts {@code delivery} with its headers and its body, whose length is sent as Content-Length. */
    Answer post(WebhookDelivery delivery) {
        return send(hooks, delivery.headers(), HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
    }

    /** Posts {@code body} with {@code headers} to {@code path}, such as {@code /hooks/gitea}. */
    Answer post(String path, Map<String, String> headers, byte[] body) {
        return send(base.resolve(path), headers, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** Posts {@code delivery} chunked, with no Content-Length, so that only reading the body can find its size. */
    Answer postChunked(WebhookDelivery delivery) {
        byte[] body = delivery.body();
        return send(hooks, delivery.headers(), HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    }

    /** The body of a GET of {@code path} on the service, such as {@code /actuator/prometheus}. */
    String get(String path) {
        return getAnswer(path).body();
    }

    /** The answer to a GET of {@code path} on the service. */
    Answer getAnswer(String path) {
        HttpRequest request = HttpRequest.newBuilder(hooks.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return Answer.of(response);
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Answer send(URI target, Map<String, String> headers, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60)).POST(body);
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return Answer.of(response);
        } catch (IOException e) {
            throw new IllegalStateException("POST " + target + " failed: the service did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One answer: its status, Content-Type, Retry-After, body and every header. */
    record Answer(int status, String contentType, String retryAfter, String body, HttpHeaders headers) {

        static Answer of(HttpResponse<String> response) {
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null), response.body(), response.headers());
        }

        /** The first value of header {@code name}, or {@code null}. */
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        /** The problem detail's type URI, when the answer is one. */
        String problemType() {
            return json().path("type").asString(null);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
