package dev.slipway.execution.adapter.out.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import dev.slipway.execution.application.port.out.BuildBackendException;
import dev.slipway.execution.application.port.out.BuildContext;
import dev.slipway.execution.application.port.out.BuildResources;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates each build's workspace volume and fills it with the repository as a tar stream. The
 * engine only unpacks archives into containers, so a short-lived helper container (created, never
 * started, labelled like the volume) mounts the volume and receives the archive; the engine mounts
 * a created container's volumes for the copy. No host path is ever bound into a container, so an
 * executor that itself runs in a container works the same way.
 */
final class WorkspaceVolumes {

    private final DockerClient docker;
    private final String helperImage;

    WorkspaceVolumes(DockerClient docker, String helperImage) {
        this.docker = docker;
        this.helperImage = helperImage;
    }

    /** The workspace volume name of build {@code buildId}. */
    static String name(UUID buildId) {
        return BuildNetworks.PREFIX + buildId + "-workspace";
    }

    /**
     * Creates the volume with {@code labels} and copies {@code workspace} into it.
     *
     * @return the volume's name
     * @throws BuildBackendException when the engine refused, or the workspace could not be read
     */
    String createAndFill(UUID buildId, Map<String, String> labels, BuildContext workspace) {
        String volume = name(buildId);
        docker.createVolumeCmd().withName(volume).withLabels(labels).exec();
        String helper;
        try {
            helper = docker.createContainerCmd(helperImage)
                    .withLabels(labels)
                    .withCmd("true")
                    .withNetworkDisabled(true)
                    .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none").withMounts(List.of(
                            new Mount().withType(MountType.VOLUME).withSource(volume)
                                    .withTarget(BuildResources.WORKSPACE_PATH))))
                    .exec().getId();
        } catch (NotFoundException e) {
            throw new BuildBackendException("the workspace helper image " + helperImage + " is not on the engine;"
                    + " load it, or name another small image with a shell in slipway.execution.docker.helper-image", e);
        }
        try (InputStream archive = ContextArchive.open(workspace)) {
            docker.copyArchiveToContainerCmd(helper)
                    .withRemotePath(BuildResources.WORKSPACE_PATH)
                    .withTarInputStream(archive)
                    .exec();
        } catch (IOException e) {
            throw new BuildBackendException("could not read the workspace of build " + buildId + ": " + e.getMessage(), e);
        } catch (DockerException e) {
            throw new BuildBackendException("the engine refused the workspace of build " + buildId + ": "
                    + EngineFaults.rootMessage(e), e);
        } finally {
            // Left behind only if the engine stops answering now; destroy finds it by its label.
            EngineFaults.ignoringGone(() -> docker.removeContainerCmd(helper).withForce(true).exec());
        }
        return volume;
    }
}
