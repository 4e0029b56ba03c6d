package dev.slipway.ingestion.application.port.out;

import dev.slipway.ingestion.domain.RegisteredRepository;
import java.util.Optional;

/** The repositories Slipway builds. Implementations are thread-safe and answer from memory or a fast store. */
public interface RepositoryRegistry {

    /**
     * The repository {@code name} ({@code owner/name}) on {@code provider}, if it is registered.
     * Git hosts treat repository names without regard to case, and so does this lookup.
     */
    Optional<RegisteredRepository> find(String provider, String name);
}
