package dev.slipway.ingestion;

import dev.slipway.ingestion.application.ReceiveWebhookService;
import dev.slipway.ingestion.application.ReplayDeliveryService;
import dev.slipway.ingestion.application.port.out.DeliveryLog;
import dev.slipway.ingestion.application.port.out.DeliveryMetrics;
import dev.slipway.ingestion.application.port.out.DeliveryReplays;
import dev.slipway.ingestion.application.port.out.RepositoryRegistry;
import dev.slipway.ingestion.application.port.out.WebhookSecrets;
import dev.slipway.ingestion.domain.GitHubWebhooks;
import dev.slipway.ingestion.domain.GitLabWebhooks;
import dev.slipway.ingestion.domain.GiteaWebhooks;
import dev.slipway.ingestion.domain.OperatorToken;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the use cases to their ports; the adapters are found by component scanning. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperatorProperties.class)
class IngestionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IngestionConfiguration.class);

    @Bean
    ReceiveWebhookService receiveWebhook(RepositoryRegistry repositories, WebhookSecrets secrets,
                                         DeliveryLog deliveries, DeliveryMetrics metrics, Clock clock) {
        return new ReceiveWebhookService(List.of(new GitHubWebhooks(), new GiteaWebhooks(), new GitLabWebhooks()),
                repositories, secrets, deliveries, metrics, clock);
    }

    @Bean
    ReplayDeliveryService replayDelivery(OperatorProperties properties, DeliveryReplays replays,
                                         DeliveryMetrics metrics, Clock clock) {
        return new ReplayDeliveryService(operatorToken(properties), replays, metrics, clock);
    }

    /** The configured token; a token too short to be safe stops the service rather than guarding replays weakly. */
    private static Optional<OperatorToken> operatorToken(OperatorProperties properties) {
        if (properties.operatorToken() == null || properties.operatorToken().isBlank()) {
            log.info("Replaying deliveries is off: no operator token is set in {}",
                    ReplayDeliveryService.TOKEN_VARIABLE);
            return Optional.empty();
        }
        try {
            return Optional.of(OperatorToken.of(properties.operatorToken(), properties.operatorTokenLabel()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(ReplayDeliveryService.TOKEN_VARIABLE + " (slipway.ingestion.operator-token): "
                    + e.getMessage(), e);
        }
    }
}
