package dev.slipway.execution.adapter.out.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import dev.slipway.execution.application.port.out.BuildBackendException;
import dev.slipway.execution.application.port.out.OutputListener;
import dev.slipway.execution.application.port.out.PushRequest;
import dev.slipway.execution.application.port.out.PushResult;
import dev.slipway.execution.application.port.out.RegistryAuth;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Pushes an image by its id. The engine only pushes names, so each {@code repository:tag} is first
 * pointed at the image id (moving the tag if another image had it), then pushed. Two guards keep
 * the push to exactly the image that was built:
 * <ul>
 *   <li>pushes to one repository from this executor take turns, so that no other push moves the
 *       tag between tagging and pushing;</li>
 *   <li>afterwards the engine must list {@code repository@digest} among the image's own repo
 *       digests, which it records for the image that it actually pushed.</li>
 * </ul>
 * The tags stay on the local engine afterwards: they are the names the user asked for, and no
 * other tag is added.
 */
final class ImagePushes {

    private final DockerClient docker;
    private final AbortableRequests requests;
    private final ConcurrentMap<String, Object> repositoryTurns = new ConcurrentHashMap<>();

    ImagePushes(DockerClient docker, AbortableRequests requests) {
        this.docker = docker;
        this.requests = requests;
    }

    PushResult push(PushRequest request, OutputListener output) {
        String user = request.auth().map(RegistryAuth::username).orElse("");
        synchronized (repositoryTurns.computeIfAbsent(request.repository(), repository -> new Object())) {
            String digest = null;
            for (String tag : request.tags()) {
                // Also after waiting for its turn: a build stopped meanwhile pushes nothing more.
                requests.refuseIfAborted(request.buildId(), "pushing " + request.repository());
                tag(request, tag);
                PushStreamReader reader = pushTag(request, tag, output);
                Optional<String> refusal = reader.refusal();
                if (refusal.isPresent()) {
                    return new PushResult.Refused(request.registry(), user, refusal.get());
                }
                String tagDigest = reader.digest().orElseThrow(() -> new BuildBackendException("the engine pushed "
                        + request.repository() + ":" + tag + " without saying which digest the registry stored"));
                if (digest != null && !digest.equals(tagDigest)) {
                    throw new BuildBackendException("the tags of " + request.repository() + " ended on different "
                            + "digests (" + digest + ", then " + tagDigest + " for " + tag + "), although both name image "
                            + request.imageId());
                }
                digest = tagDigest;
            }
            checkPushedImage(request, digest);
            return new PushResult.Pushed(digest);
        }
    }

    private void tag(PushRequest request, String tag) {
        try {
            docker.tagImageCmd(request.imageId(), request.repository(), tag).withForce().exec();
        } catch (NotFoundException e) {
            throw new BuildBackendException("image " + request.imageId() + " of build " + request.buildId()
                    + " is no longer on the engine, so it cannot be pushed", e);
        } catch (DockerException e) {
            throw new BuildBackendException("the engine refused to tag image " + request.imageId() + " as "
                    + request.repository() + ":" + tag + ": " + EngineFaults.rootMessage(e), e);
        }
    }

    private PushStreamReader pushTag(PushRequest request, String tag, OutputListener output) {
        PushStreamReader reader = new PushStreamReader(output);
        // An explicit, possibly empty, login: never the executor's own ~/.docker/config.json.
        AuthConfig auth = request.auth()
                .map(login -> new AuthConfig().withRegistryAddress(login.registry()).withUsername(login.username())
                        .withPassword(login.password()))
                .orElseGet(AuthConfig::new);
        try (var callback = docker.pushImageCmd(request.repository()).withTag(tag).withAuthConfig(auth)
                .exec(new ResultCallback.Adapter<PushResponseItem>() {
                    @Override
                    public void onNext(PushResponseItem item) {
                        reader.accept(item);
                    }
                }); var followed = requests.follow(request.buildId(), callback)) {
            callback.awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildBackendException("interrupted while pushing " + request.repository() + ":" + tag, e);
        } catch (DockerException e) {
            requests.refuseIfAborted(request.buildId(), "pushing " + request.repository() + ":" + tag);
            throw new BuildBackendException("the engine refused to push " + request.repository() + ":" + tag + ": "
                    + EngineFaults.rootMessage(e), e);
        } catch (IOException | RuntimeException e) {
            requests.refuseIfAborted(request.buildId(), "pushing " + request.repository() + ":" + tag);
            throw new BuildBackendException("the engine broke off the push of " + request.repository() + ":" + tag
                    + ": " + EngineFaults.rootMessage(e), e);
        }
        // A closed callback ends the wait as if the engine had finished: what it said so far is not a result.
        requests.refuseIfAborted(request.buildId(), "pushing " + request.repository() + ":" + tag);
        return reader;
    }

    /** A reference as the engine shows it: Docker Hub's host, and its {@code library/}, left out. */
    static String familiar(String reference) {
        String name = reference;
        int slash = name.indexOf('/');
        if (slash > 0) {
            String first = name.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                if (!List.of("docker.io", "index.docker.io", "registry-1.docker.io").contains(first)) {
                    return name;
                }
                name = name.substring(slash + 1);
            }
        }
        return name.startsWith("library/") ? name.substring("library/".length()) : name;
    }

    private void checkPushedImage(PushRequest request, String digest) {
        List<String> repoDigests = docker.inspectImageCmd(request.imageId()).exec().getRepoDigests();
        String pushed = request.repository() + "@" + digest;
        if (repoDigests == null || repoDigests.stream().map(ImagePushes::familiar).noneMatch(familiar(pushed)::equals)) {
            throw new BuildBackendException("the registry stored " + pushed + ", but the engine does not record it"
                    + " for image " + request.imageId() + ": another image took the tag while it was pushed");
        }
    }
}
