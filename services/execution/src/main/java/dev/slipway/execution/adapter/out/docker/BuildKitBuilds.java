package dev.slipway.execution.adapter.out.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.slipway.execution.application.port.out.BuildBackendException;
import dev.slipway.execution.application.port.out.ImageBuildRequest;
import dev.slipway.execution.application.port.out.ImageBuildResult;
import dev.slipway.execution.application.port.out.OutputListener;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Image builds with the engine's BuildKit, through its HTTP API directly: docker-java has no way
 * to ask for {@code version=2}. The context goes up as a tar stream in the request's body, as with
 * the classic builder, and the answer is the same stream of JSON items, with BuildKit's progress in
 * {@code moby.buildkit.trace} items that {@link BuildStreamReader} reads.
 *
 * <p>An abort closes the context's stream while it is still being sent, and the answer once it
 * comes: the engine takes the closed connection as the client gone and stops the build, killing
 * what its instruction runs.
 */
final class BuildKitBuilds {

    /** The build argument that has BuildKit describe its cache in the image it builds. */
    static final String INLINE_CACHE = "BUILDKIT_INLINE_CACHE";

    private final DockerHttpClient http;
    private final ObjectMapper json;
    private final AbortableRequests requests;
    private final URI host;

    BuildKitBuilds(DockerHttpClient http, ObjectMapper json, AbortableRequests requests, URI host) {
        this.http = http;
        this.json = json;
        this.requests = requests;
        this.host = host;
    }

    /** Builds the image that {@code request} asks for from the prepared {@code context}. */
    ImageBuildResult build(ImageBuildRequest request, ContextArchive.Prepared context, OutputListener output) {
        UUID buildId = request.buildId();
        DockerHttpClient.Request build = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path(path(request, context, json))
                .putHeader("Content-Type", "application/x-tar")
                .body(context.stream())
                .build();
        BuildStreamReader reader = new BuildStreamReader(output);
        Exchange exchange = new Exchange(context.stream());
        requests.refuseIfAborted(buildId, "building an image");
        try (var followed = requests.follow(buildId, exchange);
             DockerHttpClient.Response response = http.execute(build)) {
            exchange.answered(response);
            int status = response.getStatusCode();
            if (status == 400) {
                return BuildStreamReader.refused(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            if (status != 200) {
                throw new BuildBackendException("the engine at " + host + " refused the build: HTTP " + status + " "
                        + BuildStreamReader.engineMessage(new String(response.getBody().readAllBytes(),
                        StandardCharsets.UTF_8)));
            }
            read(response.getBody(), reader, json);
        } catch (BuildBackendException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw requests.brokenOffBuild(buildId, host, e);
        }
        requests.refuseIfAborted(buildId, "its image was being built");
        return reader.finish();
    }

    /**
     * Reads the engine's answer to a BuildKit build into {@code reader}: its progress items as
     * BuildKit's trace, every other item (the image id, the tags, an error) as docker-java reads it.
     */
    static void read(InputStream body, BuildStreamReader reader, ObjectMapper json) throws IOException {
        try (MappingIterator<JsonNode> items = json.readerFor(JsonNode.class).readValues(body)) {
            while (items.hasNextValue()) {
                JsonNode item = items.nextValue();
                JsonNode aux = item.path("aux");
                if (BuildStreamReader.TRACE_ID.equals(item.path("id").asText()) && aux.isTextual()) {
                    reader.trace(aux.asText());
                } else {
                    reader.accept(json.treeToValue(item, BuildResponseItem.class));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The request's path and query: BuildKit, the Dockerfile in the context, the tags, the target,
     * the labels still to pass beside the build, the build arguments and the {@code cache_from}
     * images. Nothing is pulled: the engine uses the images it has.
     *
     * <p>{@value #INLINE_CACHE} is set unless the build's own arguments set it: it writes the cache's
     * description into the image, which is what lets a later build name this image in
     * {@code cache_from} (BuildKit takes nothing from an image without it).
     */
    static String path(ImageBuildRequest request, ContextArchive.Prepared context, ObjectMapper json) {
        StringBuilder path = new StringBuilder("/build?version=2&dockerfile=").append(encode(context.dockerfile()));
        for (String tag : request.tags()) {
            path.append("&t=").append(encode(tag));
        }
        if (context.target() != null) {
            path.append("&target=").append(encode(context.target()));
        }
        try {
            if (!context.labels().isEmpty()) {
                path.append("&labels=").append(encode(json.writeValueAsString(context.labels())));
            }
            Map<String, String> buildArgs = new LinkedHashMap<>(request.buildArgs());
            buildArgs.putIfAbsent(INLINE_CACHE, "1");
            path.append("&buildargs=").append(encode(json.writeValueAsString(buildArgs)));
            if (!request.cacheFrom().isEmpty()) {
                path.append("&cachefrom=").append(encode(json.writeValueAsString(List.copyOf(request.cacheFrom()))));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the build's labels or arguments cannot be written as JSON", e);
        }
        return path.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A build's request as an abort sees it: the context being sent, then the answer. */
    private static final class Exchange implements Closeable {

        private final InputStream context;
        private volatile DockerHttpClient.Response response;
        private volatile boolean closed;

        Exchange(InputStream context) {
            this.context = context;
        }

        void answered(DockerHttpClient.Response answer) throws IOException {
            response = answer;
            if (closed) {
                answer.close();
            }
        }

        @Override
        public void close() throws IOException {
            closed = true;
            try {
                context.close();
            } finally {
                DockerHttpClient.Response answer = response;
                if (answer != null) {
                    answer.close();
                }
            }
        }
    }
}
