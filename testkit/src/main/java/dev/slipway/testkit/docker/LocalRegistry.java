package dev.slipway.testkit.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real image registry for tests: the {@code registry:2} image (distribution) that the build
 * machines have locally, run as a container with htpasswd authentication and published on
 * {@code 127.0.0.1} at a port the engine picks. dockerd treats registries on 127.0.0.0/8 as
 * insecure by default, so pushes to it go over plain HTTP without any engine configuration.
 *
 * <p>Use it with try-with-resources ({@link #start()}), or as a JUnit extension:
 * {@code @RegisterExtension static final LocalRegistry registry = new LocalRegistry();} starts it
 * before the class's tests and removes it after them. The extension does nothing where no engine
 * answers: the tests themselves carry {@link RequiresDocker}, which skips or fails them.
 *
 * <p>It knows one user, {@value #USERNAME} with password {@value #PASSWORD}. The htpasswd entry is
 * a bcrypt hash of that password (cost 4, the cheapest the registry accepts, since it checks the
 * password on every request of a push), made once, so that no bcrypt library is needed. The
 * container carries the label {@value #LABEL}{@code =}{@value #LABEL_VALUE}, never a build label,
 * so that no executor's clean-up takes it for a build's leftover.
 */
public final class LocalRegistry implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    /** The image the registry runs from; it is never pulled. */
    public static final String IMAGE = "registry:2";
    /** The user the registry knows. */
    public static final String USERNAME = "slipway";
    /** That user's password. */
    public static final String PASSWORD = "slipway-registry-secret";
    /** The label that marks the registry's container as a test's. */
    public static final String LABEL = "dev.slipway.test";
    /** The value of {@link #LABEL} on the registry's container. */
    public static final String LABEL_VALUE = "local-registry";

    private static final String HTPASSWD = USERNAME + ":$2b$04$GpLf8OwEOuiHzT5p3.Dwfu5VhTMz4zVzy2O5yrwJ0V/9oplOxNk9m\n";
    private static final String HTPASSWD_DIRECTORY = "/etc/docker/registry";
    private static final int PORT = 5000;
    private static final String MANIFEST_TYPES = String.join(", ",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.oci.image.manifest.v1+json");
    private static final Duration READY_WITHIN = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private DockerClient docker;
    private String containerId;
    private String address;

    /** A registry that {@link #start(DockerClient)} or the extension's {@code beforeAll} starts. */
    public LocalRegistry() {
    }

    /** Starts a registry on the tests' engine ({@link DockerEngine#client()}). */
    public static LocalRegistry start() {
        LocalRegistry registry = new LocalRegistry();
        registry.start(DockerEngine.client());
        return registry;
    }

    /** Starts this registry on {@code docker} and waits until it answers; does nothing if it runs already. */
    public synchronized void start(DockerClient engine) {
        if (containerId != null) {
            return;
        }
        this.docker = engine;
        ExposedPort port = ExposedPort.tcp(PORT);
        containerId = engine.createContainerCmd(IMAGE)
                .withLabels(Map.of(LABEL, LABEL_VALUE))
                .withEnv("REGISTRY_AUTH=htpasswd",
                        "REGISTRY_AUTH_HTPASSWD_REALM=slipway-test",
                        "REGISTRY_AUTH_HTPASSWD_PATH=" + HTPASSWD_DIRECTORY + "/htpasswd")
                .withExposedPorts(port)
                .withHostConfig(HostConfig.newHostConfig()
                        .withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), port)))
                .exec().getId();
        try {
            copyHtpasswd();
            engine.startContainerCmd(containerId).exec();
            Ports.Binding[] bindings = engine.inspectContainerCmd(containerId).exec().getNetworkSettings().getPorts()
                    .getBindings().get(port);
            address = "127.0.0.1:" + bindings[0].getHostPortSpec();
            awaitReady();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Where the registry listens, such as {@code 127.0.0.1:32771}: the registry part of image names. */
    public String address() {
        if (address == null) {
            throw new IllegalStateException("the local registry has not been started");
        }
        return address;
    }

    /** The full repository name for {@code path}, such as {@code 127.0.0.1:32771/team/app}. */
    public String repository(String path) {
        return address() + "/" + path;
    }

    /** The registry's container, for tests that look at it. */
    public String containerId() {
        return containerId;
    }

    /**
     * The manifest digest ({@code Docker-Content-Digest}) that the registry holds for {@code path:tag}.
     *
     * @param path the repository inside the registry, such as {@code team/app}
     * @return empty when the registry has no such tag
     */
    public Optional<String> manifestDigest(String path, String tag) {
        HttpResponse<String> response = send(manifestRequest(path, tag).method("HEAD",
                HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expectOk(response, "HEAD manifest " + path + ":" + tag);
        return response.headers().firstValue("Docker-Content-Digest");
    }

    /** The digest of the image config of {@code path:tag}: the engine's image id of what was pushed. */
    public String configDigest(String path, String tag) {
        return manifest(path, tag).path("config").path("digest").asString();
    }

    /** The labels in the image config of {@code path:tag}, as the registry stores them. */
    public Map<String, String> imageLabels(String path, String tag) {
        String config = configDigest(path, tag);
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v2/" + path + "/blobs/" + config))
                .header("Authorization", basicAuth()).GET());
        expectOk(response, "GET config blob " + config + " of " + path);
        JsonNode labels = JSON.readTree(response.body()).path("config").path("Labels");
        Map<String, String> result = new LinkedHashMap<>();
        labels.properties().forEach(label -> result.put(label.getKey(), label.getValue().asString()));
        return result;
    }

    /** Removes the registry's container and what it stored. */
    @Override
    public synchronized void close() {
        if (containerId != null) {
            try {
                docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException alreadyGone) {
                // Removed by hand: nothing left.
            }
            containerId = null;
            address = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (DockerEngine.status().answers()) {
            start(DockerEngine.client());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void copyHtpasswd() {
        try {
            Path directory = Files.createTempDirectory("slipway-registry-");
            Path file = Files.writeString(directory.resolve("htpasswd"), HTPASSWD, StandardCharsets.UTF_8);
            try {
                docker.copyArchiveToContainerCmd(containerId).withHostResource(file.toString())
                        .withRemotePath(HTPASSWD_DIRECTORY).exec();
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the registry's htpasswd file", e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/v2/"))
                                .header("Authorization", basicAuth()).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the local registry", e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the local registry", e);
            }
        }
        throw new IllegalStateException("the local registry at " + address + " did not answer within " + READY_WITHIN
                + ": " + last);
    }

    private JsonNode manifest(String path, String tag) {
        HttpResponse<String> response = send(manifestRequest(path, tag).GET());
        expectOk(response, "GET manifest " + path + ":" + tag);
        return JSON.readTree(response.body());
    }

    private HttpRequest.Builder manifestRequest(String path, String tag) {
        return HttpRequest.newBuilder(uri("/v2/" + path + "/manifests/" + tag))
                .header("Accept", MANIFEST_TYPES)
                .header("Authorization", basicAuth());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("the local registry at " + address + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the local registry", e);
        }
    }

    private static void expectOk(HttpResponse<String> response, String what) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(what + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
    }

    private URI uri(String path) {
        return URI.create("http://" + address() + path);
    }

    private static String basicAuth() {
        return "Basic " + Base64.getEncoder().encodeToString((USERNAME + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
