package dev.slipway.ingestion.application;

import dev.slipway.ingestion.application.port.in.DeliveryOutcome;
import dev.slipway.ingestion.application.port.in.ReceiveWebhook;
import dev.slipway.ingestion.application.port.in.WebhookDelivery;
import dev.slipway.ingestion.application.port.out.DeliveryLog;
import dev.slipway.ingestion.application.port.out.DeliveryLog.Recording;
import dev.slipway.ingestion.application.port.out.DeliveryMetrics;
import dev.slipway.ingestion.application.port.out.DeliveryStoreUnavailableException;
import dev.slipway.ingestion.application.port.out.NewDelivery;
import dev.slipway.ingestion.application.port.out.RepositoryRegistry;
import dev.slipway.ingestion.application.port.out.StoredDelivery;
import dev.slipway.ingestion.application.port.out.WebhookSecrets;
import dev.slipway.ingestion.domain.RegisteredRepository;
import dev.slipway.ingestion.domain.Rejection;
import dev.slipway.ingestion.domain.SignatureCheck;
import dev.slipway.ingestion.domain.Verdict;
import dev.slipway.ingestion.domain.WebhookBody;
import dev.slipway.ingestion.domain.WebhookParseResult;
import dev.slipway.ingestion.domain.WebhookProvider;
import dev.slipway.ingestion.domain.WebhookSecret;
import dev.slipway.model.scm.ScmEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Receives deliveries in a fixed order of checks: the body must be JSON, it must name a registered
 * repository, its signature must match that repository's secret, and only then is it read as an
 * event. The body is trusted for nothing before its signature is checked, except the repository
 * name that selects the secret. Every delivery that gets this far is stored, rejected ones
 * included, so that an operator can see what arrived and why it did not build.
 */
public final class ReceiveWebhookService implements ReceiveWebhook {

    private final Map<String, WebhookProvider> providers;
    private final RepositoryRegistry repositories;
    private final WebhookSecrets secrets;
    private final DeliveryLog deliveries;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    public ReceiveWebhookService(Collection<? extends WebhookProvider> providers, RepositoryRegistry repositories,
                                 WebhookSecrets secrets, DeliveryLog deliveries, DeliveryMetrics metrics,
                                 Clock clock) {
        this.providers = providers.stream().collect(Collectors.toUnmodifiableMap(WebhookProvider::name,
                Function.identity()));
        this.repositories = repositories;
        this.secrets = secrets;
        this.deliveries = deliveries;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public DeliveryOutcome receive(WebhookDelivery delivery) {
        WebhookProvider provider = providers.get(delivery.provider());
        if (provider == null) {
            throw new IllegalArgumentException("no webhook provider is named " + delivery.provider());
        }
        DeliveryOutcome outcome;
        try {
            outcome = interpretAndRecord(provider, delivery, clock.instant());
        } catch (DeliveryStoreUnavailableException e) {
            metrics.unavailable(provider.name());
            throw e;
        }
        metrics.count(provider.name(), outcome.verdict(),
                outcome instanceof DeliveryOutcome.Rejected rejected ? rejected.rejection() : null);
        return outcome;
    }

    @Override
    public void arrived(String provider) {
        metrics.received(provider);
    }

    @Override
    public void refused(String provider, Rejection rejection) {
        metrics.count(provider, Verdict.REJECTED, rejection);
    }

    private DeliveryOutcome interpretAndRecord(WebhookProvider provider, WebhookDelivery delivery, Instant receivedAt) {
        Draft draft = new Draft(delivery, receivedAt);
        JsonNode body;
        switch (WebhookBody.decode(delivery.body(), delivery.encoding())) {
            case WebhookBody.Decoded.Unreadable unreadable -> {
                return draft.reject(null, null, unreadable.rejection(), unreadable.problem());
            }
            case WebhookBody.Decoded.Json json -> body = json.document();
        }

        Optional<String> named = provider.repositoryName(body);
        if (named.isEmpty()) {
            return draft.reject(null, null, Rejection.UNKNOWN_REPOSITORY,
                    "the delivery names no repository; Slipway takes the webhooks of declared repositories only, "
                            + "not those of organisations or apps");
        }
        String name = named.get();
        Optional<RegisteredRepository> found = repositories.find(provider.name(), name);
        if (found.isEmpty()) {
            return draft.reject(name, null, Rejection.UNKNOWN_REPOSITORY,
                    "repository " + name + " on " + provider.name() + " is not declared; declare it with its "
                            + "clone_url and webhook_secret in the repositories file (SLIPWAY_REPOSITORIES)");
        }
        RegisteredRepository repository = found.get();

        Optional<WebhookSecret> secret = secrets.secretOf(repository.id());
        if (secret.isEmpty()) {
            return draft.reject(name, repository.id(), Rejection.BAD_SIGNATURE,
                    "repository " + repository.id() + " has no webhook secret, so none of its deliveries can be "
                            + "verified; declare its webhook_secret");
        }
        SignatureCheck signature = provider.checkSignature(delivery.headers(), delivery.body(), secret.get());
        if (signature != SignatureCheck.VALID) {
            return draft.reject(name, repository.id(), Rejection.BAD_SIGNATURE,
                    "delivery for " + repository.id() + " failed its signature check: " + provider.explain(signature));
        }

        WebhookParseResult parsed = provider.parse(delivery.eventName(), delivery.deliveryId(), body, repository);
        return switch (parsed) {
            case WebhookParseResult.Malformed malformed ->
                    draft.reject(name, repository.id(), Rejection.MALFORMED_PAYLOAD, malformed.problem());
            case WebhookParseResult.Ignored ignored -> draft.ignore(name, repository.id(), ignored.reason());
            case WebhookParseResult.Recognised recognised -> draft.accept(name, repository.id(), recognised.event());
        };
    }

    /** One delivery on its way to the log, so that each verdict is stored the same way. */
    private final class Draft {
        private final WebhookDelivery delivery;
        private final Instant receivedAt;

        Draft(WebhookDelivery delivery, Instant receivedAt) {
            this.delivery = delivery;
            this.receivedAt = receivedAt;
        }

        DeliveryOutcome reject(String repositoryName, String repositoryId, Rejection rejection, String problem) {
            // A rejected delivery is never taken as the first of its id, so this always stores a row.
            store(repositoryName, repositoryId, Verdict.REJECTED, rejection, problem, null);
            return new DeliveryOutcome.Rejected(delivery.deliveryId(), repositoryId, rejection, problem);
        }

        DeliveryOutcome ignore(String repositoryName, String repositoryId, String reason) {
            return switch (store(repositoryName, repositoryId, Verdict.IGNORED, null, reason, null)) {
                case Recording.Recorded recorded -> new DeliveryOutcome.Ignored(delivery.deliveryId(), repositoryId,
                        reason, recorded.stored().receivedAt());
                case Recording.AlreadyRecorded already -> duplicate(already.original());
            };
        }

        DeliveryOutcome accept(String repositoryName, String repositoryId, ScmEvent event) {
            return switch (store(repositoryName, repositoryId, Verdict.ACCEPTED, null, null, event)) {
                case Recording.Recorded recorded -> new DeliveryOutcome.Accepted(delivery.deliveryId(), repositoryId,
                        recorded.stored().eventId(), recorded.stored().receivedAt());
                case Recording.AlreadyRecorded already -> duplicate(already.original());
            };
        }

        private DeliveryOutcome duplicate(StoredDelivery original) {
            return new DeliveryOutcome.Duplicate(original.deliveryId(), original.repositoryId(), original.verdict(),
                    original.reason(), original.receivedAt(), original.eventId());
        }

        private Recording store(String repositoryName, String repositoryId, Verdict verdict, Rejection rejection,
                                String reason, ScmEvent event) {
            return deliveries.record(new NewDelivery(delivery.provider(), delivery.deliveryId(), delivery.eventName(),
                    delivery.headers().redacted(), delivery.body(), repositoryName, repositoryId, verdict, rejection,
                    reason, event, receivedAt));
        }
    }
}
