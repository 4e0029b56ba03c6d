package dev.slipway.ingestion.domain;

import java.util.Objects;

/**
 * A repository Slipway builds, as ingestion needs to know it: without its webhook secret, which
 * only the signature check sees.
 *
 * @param id       Slipway's id, {@code provider:owner/name}; the key of the repository's events
 * @param provider {@code github}, {@code gitea} or {@code gitlab}
 * @param name     {@code owner/name}
 * @param cloneUrl the clone URL that was registered; events carry this one, never the body's
 */
public record RegisteredRepository(String id, String provider, String name, String cloneUrl) {

    public RegisteredRepository {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cloneUrl, "cloneUrl");
    }
}
