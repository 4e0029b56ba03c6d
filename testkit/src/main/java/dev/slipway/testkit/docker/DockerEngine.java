package dev.slipway.testkit.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.AssertionFailedError;

/**
 * The Docker engine that tests run against: the one that {@code DOCKER_HOST} names, or the local
 * unix socket by default, as the {@code docker} CLI finds it.
 *
 * <p>As a JUnit extension (through {@link RequiresDocker}) it runs, skips or fails each test as
 * {@link DockerRequirement#decide} says, and resolves {@link DockerClient} parameters. The engine
 * is asked once per JVM, with short timeouts, and the answer is kept.
 *
 * <p>{@link #client()} is a client for the tests' own use: shared, thread-safe, without a
 * response timeout (builds and waits take as long as they take), never to be closed by a test.
 */
public final class DockerEngine implements ExecutionCondition, ParameterResolver {

    private static final Duration PROBE_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration PROBE_RESPONSE_TIMEOUT = Duration.ofSeconds(10);

    /** Instantiated by JUnit through {@link RequiresDocker}. */
    public DockerEngine() {
    }

    /** Whether the engine answers, asked once per JVM. */
    public static EngineStatus status() {
        return Probe.STATUS;
    }

    /**
     * The shared client for the engine. Call it only where the engine answers, for example in a
     * test marked {@link RequiresDocker}.
     */
    public static DockerClient client() {
        return SharedClient.CLIENT;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        DockerRequirement requirement = DockerRequirement.decide(status(), System.getenv(DockerRequirement.VARIABLE));
        return switch (requirement.verdict()) {
            case RUN -> ConditionEvaluationResult.enabled(requirement.message());
            case SKIP -> ConditionEvaluationResult.disabled(requirement.message());
            case FAIL -> throw new AssertionFailedError(requirement.message());
        };
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DockerClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return client();
    }

    private static DockerClientConfig config() {
        return DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    }

    private static DockerClient newClient(DockerClientConfig config, Duration connectTimeout, Duration responseTimeout) {
        ApacheDockerHttpClient.Builder http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(100)
                .connectionTimeout(connectTimeout);
        if (responseTimeout != null) {
            http.responseTimeout(responseTimeout);
        }
        return DockerClientImpl.getInstance(config, http.build());
    }

    /** Holder: the engine is probed when a test first needs the answer, then never again. */
    private static final class Probe {

        static final EngineStatus STATUS = probe();

        private static EngineStatus probe() {
            String host;
            DockerClientConfig config;
            try {
                config = config();
                host = config.getDockerHost().toString();
            } catch (RuntimeException e) {
                return EngineStatus.silent("the Docker client configuration is invalid: " + e.getMessage());
            }
            try (DockerClient probe = newClient(config, PROBE_CONNECT_TIMEOUT, PROBE_RESPONSE_TIMEOUT)) {
                probe.pingCmd().exec();
                Version version = probe.versionCmd().exec();
                return EngineStatus.answering("Docker " + version.getVersion() + " (API " + version.getApiVersion()
                        + ") at " + host);
            } catch (Exception e) {
                return EngineStatus.silent("nothing answered at " + host + ": " + rootMessage(e));
            }
        }

        private static String rootMessage(Throwable failure) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        }
    }

    /** Holder: one client per JVM, made on first use. */
    private static final class SharedClient {

        static final DockerClient CLIENT = newClient(config(), Duration.ofSeconds(10), null);
    }
}
