package dev.slipway.filtering.adapter.out.declared;

import dev.slipway.filtering.application.port.out.ReleaseIdentities;
import dev.slipway.model.repository.DeclaredRepositories;
import dev.slipway.model.repository.DeclaredRepository;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The release identities of the declared repositories, from the file named by
 * {@code slipway.repositories.file} or else {@code SLIPWAY_REPOSITORIES}, the same file ingestion
 * reads. A broken file stops the service at start-up, as it does ingestion.
 */
@Component
class DeclaredReleaseIdentities implements ReleaseIdentities {

    private static final Logger log = LoggerFactory.getLogger(DeclaredReleaseIdentities.class);

    private final DeclaredRepositories declared;

    DeclaredReleaseIdentities(@Value("${slipway.repositories.file:#{null}}") Path file) {
        this.declared = file != null ? DeclaredRepositories.load(file, System::getenv)
                : DeclaredRepositories.fromEnvironment(System.getenv());
        log.info("release identities: {}", declared.all().stream()
                .map(r -> r.id() + "=" + r.releasedBy().orElse("(none)")).toList());
    }

    @Override
    public Optional<String> of(String repositoryId) {
        return declared.find(repositoryId).flatMap(DeclaredRepository::releasedBy);
    }
}
