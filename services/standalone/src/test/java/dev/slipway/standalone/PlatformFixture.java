package dev.slipway.standalone;

import dev.slipway.testkit.webhook.WebhookDelivery;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Starting the standalone platform on free ports for a test, and talking to it over HTTP. */
final class PlatformFixture {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PlatformFixture() {
    }

    /** Settings with every port free, the data under {@code home}. */
    static StandaloneSettings settings(Path home, Path repositories, Map<String, String> extra) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        StandaloneSettings.DEFAULT_PORTS.keySet().forEach(service -> ports.put(service, freePort()));
        return new StandaloneSettings(home, freePort(), freePort(), ports, repositories, extra);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static URI uri(StandalonePlatform platform, String service, String path) {
        return URI.create("http://127.0.0.1:" + platform.settings().servicePorts().get(service) + path);
    }

    static HttpResponse<String> get(StandalonePlatform platform, String service, String path, String accept) {
        return send(HttpRequest.newBuilder(uri(platform, service, path)).header("Accept", accept).GET().build());
    }

    static JsonNode getJson(StandalonePlatform platform, String service, String path) {
        HttpResponse<String> response = get(platform, service, path, "application/json");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " on " + service + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Posts {@code delivery} to ingestion's GitHub webhook endpoint, with the headers GitHub sends. */
    static HttpResponse<String> postGitHubWebhook(StandalonePlatform platform, WebhookDelivery delivery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(platform, "ingestion", "/hooks/github"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        delivery.headers().forEach(request::header);
        return send(request.build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
