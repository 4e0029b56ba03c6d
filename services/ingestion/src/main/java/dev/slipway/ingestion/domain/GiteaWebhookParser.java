package dev.slipway.ingestion.domain;

import dev.slipway.model.scm.Commit;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Reads Gitea and Forgejo deliveries, by their {@code X-Gitea-Event} (or {@code X-Forgejo-Event}),
 * into SCM events. Pure: the same input always gives the same result.
 *
 * <p>For now only {@code push} becomes an event; everything else is ignored with its name in the
 * reason. Gitea's push bodies resemble GitHub's but are not the same: older versions send no
 * {@code created}/{@code deleted} flags and no {@code head_commit}, so a deletion is recognised by
 * its null {@code after} SHA, and the head commit is the listed commit that {@code after} names.
 */
public final class GiteaWebhookParser {

    /** The provider name of Gitea and Forgejo deliveries: Forgejo is a fork that keeps Gitea's dialect. */
    public static final String PROVIDER = "gitea";

    /**
     * What a verified Gitea or Forgejo delivery means.
     *
     * @param eventName  the {@code X-Gitea-Event} or {@code X-Forgejo-Event} header
     * @param deliveryId the {@code X-Gitea-Delivery} or {@code X-Forgejo-Delivery} header
     * @param body       the delivery's JSON object
     * @param repository the declared repository that the body's {@code repository.full_name} named
     */
    public WebhookParseResult parse(String eventName, String deliveryId, JsonNode body,
                                    RegisteredRepository repository) {
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(repository, "repository");
        return switch (eventName) {
            case "push" -> push(deliveryId, body, repository);
            default -> new WebhookParseResult.Ignored("event " + eventName + " is not handled");
        };
    }

    private WebhookParseResult push(String deliveryId, JsonNode body, RegisteredRepository repository) {
        return PushFields.push(PROVIDER, deliveryId, body, repository, DIALECT);
    }

    /** Older Gitea sends no flags and no head commit: a null {@code after} deletes, and the head is found by id. */
    private static final PushFields.Dialect DIALECT = new PushFields.Dialect() {
        @Override
        public boolean deletes(JsonNode body, String after) {
            return PushFields.isNullSha(after);
        }

        @Override
        public Commit head(JsonNode body, List<Commit> commits, String after) {
            Commit head = PushFields.commit(body.path("head_commit"), "head_commit");
            return head != null ? head : PushFields.withId(commits, after);
        }

        /** Who pushed: the sender's login, else the pusher's login or user name. */
        @Override
        public String sender(JsonNode body) {
            JsonNode pusher = body.path("pusher");
            return PushFields.firstOf(PushFields.text(body.path("sender"), "login"), PushFields.text(pusher, "login"),
                    PushFields.text(pusher, "username"));
        }
    };
}
