package dev.slipway.pipeline;

import java.util.Objects;

/**
 * A pipeline file's name and text, as read by whoever has the repository (filtering from the git
 * host, the CLI from disk). The library never reads files itself.
 *
 * @param name the file's path as the user knows it, such as {@code .slipway.yml}; it decides the
 *             format and appears in every problem's location
 * @param text its content
 */
public record PipelineFile(String name, String text) {
    public PipelineFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }

    /** The last path segment of {@link #name()}. */
    public String fileName() {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1);
    }

    /** Whether the name is one of Codeship Pro's: {@code codeship-services.yml}, {@code codeship-steps.json}, .... */
    public boolean isCodeship() {
        return fileName().matches("codeship-(services|steps)\\.(ya?ml|json)");
    }
}
