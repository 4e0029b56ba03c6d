package dev.slipway.model.scm;

import dev.slipway.model.Fields;
import java.util.List;

/**
 * GitHub checked that a webhook reaches Slipway: its {@code ping}, sent once when the webhook is
 * created (and again on request). There is nothing to build; the event says that the webhook
 * works and which events it was set up to send. Gitea, Forgejo and GitLab send nothing of the
 * kind: their test buttons send an ordinary push or a sample of the chosen event.
 *
 * @param deliveryId     the host's delivery id
 * @param provider       {@code github}
 * @param repositoryId   Slipway's id of the repository, {@code provider:owner/name}
 * @param repositoryName {@code owner/name}
 * @param cloneUrl       the clone URL registered for the repository
 * @param hookId         the host's id of the webhook
 * @param zen            the random aphorism GitHub sends along; empty when there is none
 * @param events         the events the webhook was set up to send ({@code *} for all), as listed; empty when
 *                       the body does not say
 * @param sender         the login of the account that set the webhook up, or {@code null}
 */
public record PingReceived(String deliveryId, String provider, String repositoryId, String repositoryName,
                           String cloneUrl, long hookId, String zen, List<String> events, String sender)
        implements ScmEvent {

    public PingReceived {
        ScmOrigin.require(deliveryId, provider, repositoryId, repositoryName, cloneUrl);
        if (hookId < 1) {
            throw new IllegalArgumentException("hookId must be 1 or more, was " + hookId);
        }
        zen = zen == null ? "" : zen;
        events = Fields.listOrEmpty(events);
    }
}
