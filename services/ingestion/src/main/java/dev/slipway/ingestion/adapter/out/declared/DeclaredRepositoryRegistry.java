package dev.slipway.ingestion.adapter.out.declared;

import dev.slipway.ingestion.application.port.out.RepositoryRegistry;
import dev.slipway.ingestion.application.port.out.WebhookSecrets;
import dev.slipway.ingestion.domain.RegisteredRepository;
import dev.slipway.ingestion.domain.WebhookSecret;
import dev.slipway.model.repository.DeclaredRepositories;
import dev.slipway.model.repository.DeclaredRepository;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The declared repositories, held in memory; immutable and so thread-safe. */
final class DeclaredRepositoryRegistry implements RepositoryRegistry, WebhookSecrets {

    private final DeclaredRepositories declared;

    DeclaredRepositoryRegistry(DeclaredRepositories declared) {
        this.declared = declared;
    }

    @Override
    public Optional<RegisteredRepository> find(String provider, String name) {
        Optional<DeclaredRepository> exact = declared.find(provider, name);
        if (exact.isPresent()) {
            return exact.map(DeclaredRepositoryRegistry::registered);
        }
        // Git hosts treat names without regard to case, and a body may spell a name differently
        // from the declaration; a spelling that matches two declarations matches none.
        List<DeclaredRepository> matches = declared.all().stream()
                .filter(r -> r.provider().equals(provider.toLowerCase(Locale.ROOT)) && r.name().equalsIgnoreCase(name))
                .toList();
        return matches.size() == 1 ? Optional.of(registered(matches.getFirst())) : Optional.empty();
    }

    @Override
    public Optional<WebhookSecret> secretOf(String repositoryId) {
        return declared.find(repositoryId).map(r -> WebhookSecret.of(r.webhookSecret()));
    }

    /** How many repositories are declared. */
    int size() {
        return declared.all().size();
    }

    private static RegisteredRepository registered(DeclaredRepository repository) {
        return new RegisteredRepository(repository.id(), repository.provider(), repository.name(),
                repository.cloneUrl());
    }
}
