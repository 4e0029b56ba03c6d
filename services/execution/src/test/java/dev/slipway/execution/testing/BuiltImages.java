package dev.slipway.execution.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The images a test made on the engine, to remove afterwards: the images it built, by id, and
 * the untagged images of earlier stages and of failed builds, which the engine keeps as cache
 * and which carry no label to find them by. Those are read from the build's output
 * ({@code  ---> <id>} lines); tagged images there, such as the {@code busybox} base, are left alone.
 */
public final class BuiltImages {

    private static final Pattern LAYER = Pattern.compile("^ ---> ([0-9a-f]{12})$");

    private final DockerClient docker;
    private final Set<String> images = new LinkedHashSet<>();
    private final Set<String> layers = new LinkedHashSet<>();

    public BuiltImages(DockerClient docker) {
        this.docker = docker;
    }

    /** An image the test built; removed with its tags. */
    public void image(String imageId) {
        images.add(imageId);
    }

    /** The layers named in a build's output; removed if untagged. */
    public void layersIn(Collection<String> outputLines) {
        for (String line : outputLines) {
            Matcher layer = LAYER.matcher(line);
            if (layer.matches()) {
                layers.add(layer.group(1));
            }
        }
    }

    /** Removes them all; what is gone already is fine. */
    public void removeAll() {
        for (String image : images) {
            quietly(() -> docker.removeImageCmd(image).withForce(true).exec());
        }
        List<String> newestFirst = new ArrayList<>(layers);
        java.util.Collections.reverse(newestFirst);
        for (String layer : newestFirst) {
            quietly(() -> {
                InspectImageResponse inspected = docker.inspectImageCmd(layer).exec();
                if (inspected.getRepoTags() == null || inspected.getRepoTags().isEmpty()) {
                    docker.removeImageCmd(layer).exec();
                }
            });
        }
        images.clear();
        layers.clear();
    }

    private static void quietly(Runnable removal) {
        try {
            removal.run();
        } catch (NotFoundException | ConflictException alreadyGoneOrStillUsed) {
            // Gone with a child image already, or a layer that something else uses: not ours to force.
        }
    }
}
