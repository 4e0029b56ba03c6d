package dev.slipway.ingestion.application.port.out;

import dev.slipway.ingestion.domain.WebhookSecret;
import java.util.Optional;

/**
 * The secrets that repositories' webhooks are signed with, kept apart from the repositories so
 * that the credential broker can serve them later. Implementations are thread-safe.
 */
public interface WebhookSecrets {

    /** The webhook secret of the repository with Slipway id {@code repositoryId}, if it has one. */
    Optional<WebhookSecret> secretOf(String repositoryId);
}
