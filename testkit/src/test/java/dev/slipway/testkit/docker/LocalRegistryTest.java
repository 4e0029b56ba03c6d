package dev.slipway.testkit.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@RequiresDocker
class LocalRegistryTest {

    @RegisterExtension
    static final LocalRegistry registry = new LocalRegistry();

    @Test
    void refusesRequestsWithoutTheUsersPassword() throws Exception {
        // Verifies htpasswd authentication: the API answers 401 without a login, on 127.0.0.1 at the engine's port.
        assertThat(registry.address()).matches("127\\.0\\.0\\.1:\\d+");
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://" + registry.address() + "/v2/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Www-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Basic"));
    }

    @Test
    void readsTheDigestAndConfigOfWhatTheEnginePushed(DockerClient docker) throws Exception {
        // Verifies the read side against a real push: the tag's manifest digest is the engine's, its config the image's.
        String path = "testkit/busybox-" + UUID.randomUUID().toString().substring(0, 8);
        String imageId = docker.inspectImageCmd("busybox:latest").exec().getId();
        docker.tagImageCmd(imageId, registry.repository(path), "1").exec();
        List<String> digests = new CopyOnWriteArrayList<>();
        try {
            docker.pushImageCmd(registry.repository(path)).withTag("1")
                    .withAuthConfig(new AuthConfig().withRegistryAddress(registry.address())
                            .withUsername(LocalRegistry.USERNAME).withPassword(LocalRegistry.PASSWORD))
                    .exec(new ResultCallback.Adapter<PushResponseItem>() {
                        @Override
                        public void onNext(PushResponseItem item) {
                            assertThat(item.getErrorDetail()).isNull();
                            if (item.getAux() != null && item.getAux().getDigest() != null) {
                                digests.add(item.getAux().getDigest());
                            }
                        }
                    }).awaitCompletion();
        } finally {
            docker.removeImageCmd(registry.repository(path) + ":1").withNoPrune(true).exec();
        }

        assertThat(digests).hasSize(1);
        assertThat(registry.manifestDigest(path, "1")).contains(digests.getFirst());
        assertThat(registry.configDigest(path, "1")).isEqualTo(imageId);
        assertThat(registry.imageLabels(path, "1")).isEmpty();
        assertThat(registry.manifestDigest(path, "no-such-tag")).isEmpty();
    }
}
