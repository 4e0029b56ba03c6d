package dev.slipway.ingestion.adapter.in.web;

import dev.slipway.ingestion.domain.GitHubWebhookParser;
import dev.slipway.ingestion.domain.GitHubWebhooks;
import dev.slipway.ingestion.domain.GitLabWebhookParser;
import dev.slipway.ingestion.domain.GitLabWebhooks;
import dev.slipway.ingestion.domain.GiteaWebhookParser;
import dev.slipway.ingestion.domain.GiteaWebhooks;
import java.util.List;
import java.util.Objects;

/**
 * What differs between the providers' webhook endpoints at the HTTP level; everything else about
 * receiving a delivery is the same for all of them.
 *
 * @param provider        the provider's name, as the use case knows it
 * @param path            the endpoint's path
 * @param eventHeaders    the headers that may name the event, looked for in this order
 * @param deliveryHeaders the headers that may carry the delivery id, looked for in this order
 * @param challenge       the {@code WWW-Authenticate} challenge sent with a 401, naming how to authenticate
 */
record WebhookEndpoint(String provider, String path, List<String> eventHeaders, List<String> deliveryHeaders,
                       String challenge) {

    static final WebhookEndpoint GITHUB = new WebhookEndpoint(GitHubWebhookParser.PROVIDER, "/hooks/github",
            List.of(GitHubWebhooks.EVENT_HEADER), List.of(GitHubWebhooks.DELIVERY_HEADER),
            "HMAC-SHA256 header=\"" + GitHubWebhooks.SIGNATURE_HEADER + "\"");
    static final WebhookEndpoint GITEA = new WebhookEndpoint(GiteaWebhookParser.PROVIDER, "/hooks/gitea",
            GiteaWebhooks.EVENT_HEADERS, GiteaWebhooks.DELIVERY_HEADERS,
            "HMAC-SHA256 header=\"" + GiteaWebhooks.SIGNATURE_HEADERS.getFirst() + "\"");
    static final WebhookEndpoint GITLAB = new WebhookEndpoint(GitLabWebhookParser.PROVIDER, "/hooks/gitlab",
            List.of(GitLabWebhooks.EVENT_HEADER), GitLabWebhooks.DELIVERY_HEADERS,
            "Token header=\"" + GitLabWebhooks.TOKEN_HEADER + "\"");

    WebhookEndpoint {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(challenge, "challenge");
        if (eventHeaders.isEmpty() || deliveryHeaders.isEmpty()) {
            throw new IllegalArgumentException("an endpoint needs at least one event and one delivery header");
        }
        eventHeaders = List.copyOf(eventHeaders);
        deliveryHeaders = List.copyOf(deliveryHeaders);
    }
}
