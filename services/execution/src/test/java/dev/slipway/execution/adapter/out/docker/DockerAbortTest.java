package dev.slipway.execution.adapter.out.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.slipway.execution.application.port.out.BuildBackendException;
import dev.slipway.execution.application.port.out.BuildContext;
import dev.slipway.execution.application.port.out.ImageBuildRequest;
import dev.slipway.execution.application.port.out.PushRequest;
import dev.slipway.execution.testing.HostProcesses;
import dev.slipway.testkit.docker.RequiresDocker;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code abort} on the real engine: an image build and a push that would run on end at once. */
@RequiresDocker
class DockerAbortTest {

    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    @TempDir
    Path temp;
    private final String nonce = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private EngineBuilds engine;
    private UUID build;

    @BeforeEach
    void startABuild() {
        engine = new EngineBuilds();
        build = engine.newBuild();
    }

    @AfterEach
    void destroyIt() throws Exception {
        engine.close();
    }

    @ParameterizedTest
    @EnumSource(ImageBuilder.class)
    void anAbortEndsAnImageBuildInItsRunInstructionAndTheEngineStopsThatInstruction(ImageBuilder builder)
            throws Exception {
        // Verifies abort during a Dockerfile RUN that sleeps a minute: buildImage throws within 5 s saying the build was
        // stopped, and within 5 s nothing of that RUN (found by the nonce in its command) is left: the engine took the
        // closed connection as the client gone. The classic builder runs it in a container, found on the engine,
        // running or not; BuildKit in a process of its own, found among the machine's processes (the shell stays,
        // as the sleep is not its last command).
        engine.close();
        engine = new EngineBuilds(DockerProperties.defaults(null).withBuilder(builder), NetworkProperties.defaults());
        build = engine.newBuild();
        Path context = Files.createTempDirectory(temp, "context-");
        Files.writeString(context.resolve("Dockerfile"), """
                FROM busybox:latest
                RUN echo "instruction %s started" && sleep 60 && echo "not aborted"
                """.formatted(nonce));
        CompletableFuture<Throwable> building = CompletableFuture.supplyAsync(() -> {
            try {
                engine.backend.buildImage(new ImageBuildRequest(build, BuildContext.directory(context), "Dockerfile",
                        List.of("slipway-test/abort:" + nonce), Map.of(), null, Map.of(), List.of()), lines::add);
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        await().atMost(Duration.ofSeconds(60))
                .until(() -> lines.stream().anyMatch(line -> line.endsWith("instruction " + nonce + " started")));
        assertThat(instructionRuns(builder)).as("the RUN instruction while it runs").isNotEmpty();

        long aborted = System.nanoTime();
        engine.backend.abort(build);
        Throwable failure = building.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS);
        Duration ended = Duration.ofNanos(System.nanoTime() - aborted);
        await().atMost(PROMPTLY).until(() -> instructionRuns(builder).isEmpty());
        Duration cleaned = Duration.ofNanos(System.nanoTime() - aborted);

        assertThat(failure).isInstanceOf(BuildBackendException.class)
                .hasMessage("build " + build + " was stopped while its image was being built");
        assertThat(ended).isLessThan(PROMPTLY);
        assertThat(cleaned).as("from abort to no container of the instruction").isLessThan(PROMPTLY);
        assertThatThrownBy(() -> engine.docker.inspectImageCmd("slipway-test/abort:" + nonce).exec())
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void anAbortEndsAPushThatTheRegistryNeverAnswers() throws Exception {
        // Verifies abort during a push to a registry that answers the engine's first look (GET /v2/) and then never
        // answers the push's own requests, so that the push would wait on: pushImage throws within 5 s. (dockerd 20.10
        // itself does not give up a registry request when its client goes: see docs/execution.md.)
        String imageId = engine.docker.inspectImageCmd("busybox:latest").exec().getId();
        try (StalledRegistry registry = new StalledRegistry()) {
            String repository = "127.0.0.1:" + registry.port() + "/slipway-abort/stall";
            CompletableFuture<Throwable> pushing = CompletableFuture.supplyAsync(() -> {
                try {
                    engine.backend.pushImage(new PushRequest(build, imageId, repository, List.of(nonce),
                            Optional.empty()), lines::add);
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> registry.stalled() > 0);

                long aborted = System.nanoTime();
                engine.backend.abort(build);
                Throwable failure = pushing.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS);
                Duration ended = Duration.ofNanos(System.nanoTime() - aborted);

                assertThat(failure).isInstanceOf(BuildBackendException.class)
                        .hasMessage("build " + build + " was stopped while pushing " + repository + ":" + nonce);
                assertThat(ended).isLessThan(PROMPTLY);
            } finally {
                engine.docker.removeImageCmd(repository + ":" + nonce).exec();
            }
        }
    }

    @Test
    void anImageBuildOrPushThatStartsAfterTheAbortIsRefusedAtOnceUntilTheBuildIsDestroyed() throws Exception {
        // Verifies the race with a cancel that comes just before an image build or push starts: refused without asking
        // the engine; destroy forgets the abort.
        Path context = Files.createTempDirectory(temp, "context-");
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox:latest\n");
        ImageBuildRequest request = new ImageBuildRequest(build, BuildContext.directory(context), "Dockerfile",
                List.of("slipway-test/abort:" + nonce), Map.of(), null, Map.of(), List.of());
        engine.backend.abort(build);

        assertThatThrownBy(() -> engine.backend.buildImage(request, lines::add))
                .isInstanceOf(BuildBackendException.class).hasMessageContaining("was stopped while building an image");
        assertThatThrownBy(() -> engine.backend.pushImage(new PushRequest(build, "sha256:" + "0".repeat(64),
                "127.0.0.1:1/slipway-abort/never", List.of("t"), Optional.empty()), lines::add))
                .isInstanceOf(BuildBackendException.class).hasMessageContaining("was stopped while pushing");
        assertThat(lines).isEmpty();

        engine.backend.destroy(build);
        try {
            assertThat(engine.backend.buildImage(request, lines::add))
                    .isInstanceOf(dev.slipway.execution.application.port.out.ImageBuildResult.Built.class);
        } finally {
            engine.docker.removeImageCmd("slipway-test/abort:" + nonce).exec();
        }
    }

    /** The containers of the test's RUN instruction, running or not. */
    /** The containers (classic) or processes (BuildKit) of the RUN instruction with this test's nonce. */
    private List<String> instructionRuns(ImageBuilder builder) {
        String mark = "instruction " + nonce;
        if (builder == ImageBuilder.CLASSIC) {
            return engine.docker.listContainersCmd().withShowAll(true).exec().stream()
                    .filter(c -> c.getCommand() != null && c.getCommand().contains(mark)).map(Container::getId)
                    .toList();
        }
        return HostProcesses.withCommandContaining(mark);
    }

    /**
     * A registry on 127.0.0.1, over plain HTTP, that answers the engine's {@code GET /v2/} as a
     * registry without authentication would, and never answers any other request. The engine tries
     * TLS first, which is refused at once so that it falls back to HTTP; it opens a connection per
     * request.
     */
    private static final class StalledRegistry implements AutoCloseable {

        private static final int TLS_HANDSHAKE = 0x16;

        private final ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        private final List<Socket> connections = new CopyOnWriteArrayList<>();
        private final AtomicInteger stalled = new AtomicInteger();

        StalledRegistry() throws IOException {
            Thread.ofVirtual().start(this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        /** Requests left unanswered. */
        int stalled() {
            return stalled.get();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket connection = server.accept();
                    connections.add(connection);
                    Thread.ofVirtual().start(() -> serve(connection));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket connection) {
            try (InputStream in = connection.getInputStream()) {
                int first = in.read();
                if (first < 0 || first == TLS_HANDSHAKE) {
                    return;
                }
                String head = readHead((char) first, in);
                if (head.startsWith("GET /v2/ ")) {
                    connection.getOutputStream().write(("HTTP/1.1 200 OK\r\nDocker-Distribution-API-Version: "
                            + "registry/2.0\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
                            .getBytes(StandardCharsets.US_ASCII));
                    connection.getOutputStream().flush();
                    return;
                }
                stalled.incrementAndGet();
                byte[] buffer = new byte[8192];
                while (in.read(buffer) >= 0) {
                    // never answered
                }
            } catch (IOException gone) {
                // the engine hung up, or the test closed the registry
            }
        }

        /** A request's head, up to its empty line, that starts with {@code first}. */
        private static String readHead(char first, InputStream in) throws IOException {
            StringBuilder head = new StringBuilder().append(first);
            int c;
            while ((c = in.read()) >= 0) {
                head.append((char) c);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
            return head.toString();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket connection : connections) {
                connection.close();
            }
        }
    }
}
