package dev.slipway.pipeline.template;

import java.util.Optional;

/**
 * A template rendered for one build and made into a Docker tag.
 *
 * @param raw     the text the template rendered to, before cleaning
 * @param tag     the valid Docker tag, or empty when nothing valid was left
 * @param cleaned whether the tag differs from {@code raw}
 */
public record RenderedTag(String raw, Optional<String> tag, boolean cleaned) {

    public static RenderedTag of(String raw) {
        Optional<String> tag = DockerTag.clean(raw);
        return new RenderedTag(raw, tag, !tag.map(raw::equals).orElse(raw.isEmpty()));
    }
}
