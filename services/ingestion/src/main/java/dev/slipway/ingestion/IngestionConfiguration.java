package dev.slipway.ingestion;

import dev.slipway.ingestion.application.ReceiveWebhookService;
import dev.slipway.ingestion.application.port.out.DeliveryLog;
import dev.slipway.ingestion.application.port.out.DeliveryMetrics;
import dev.slipway.ingestion.application.port.out.RepositoryRegistry;
import dev.slipway.ingestion.application.port.out.WebhookSecrets;
import dev.slipway.ingestion.domain.GitHubWebhooks;
import dev.slipway.ingestion.domain.GitLabWebhooks;
import dev.slipway.ingestion.domain.GiteaWebhooks;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the use case to its ports; the adapters are found by component scanning. */
@Configuration(proxyBeanMethods = false)
class IngestionConfiguration {

    @Bean
    ReceiveWebhookService receiveWebhook(RepositoryRegistry repositories, WebhookSecrets secrets,
                                         DeliveryLog deliveries, DeliveryMetrics metrics, Clock clock) {
        return new ReceiveWebhookService(List.of(new GitHubWebhooks(), new GiteaWebhooks(), new GitLabWebhooks()),
                repositories, secrets, deliveries, metrics, clock);
    }
}
