package dev.slipway.filtering.application.port.out;

import java.util.Optional;

/** Who publishes a repository's releases for Slipway, as its declaration says. */
public interface ReleaseIdentities {

    /** The login Slipway's releases of {@code repositoryId} are published with, when declared. */
    Optional<String> of(String repositoryId);
}
