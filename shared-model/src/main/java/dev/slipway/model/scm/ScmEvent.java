package dev.slipway.model.scm;

import dev.slipway.model.SlipwayEvent;

/**
 * An event from a git host, keyed by the Slipway repository id it concerns. Every one names the
 * delivery that carried it, the host, the repository as it is declared, and who acted.
 */
public sealed interface ScmEvent extends SlipwayEvent
        permits PushReceived, TagCreated, TagDeleted, ReleasePublished, PullRequestChanged, PingReceived {

    /** The git host's own id of the delivery that carried the event. */
    String deliveryId();

    /** {@code github}, {@code gitea} (Forgejo included) or {@code gitlab}. */
    String provider();

    /** The repository id, such as {@code github:acme/app}. */
    String repositoryId();

    /** The repository's name on its host, {@code owner/name} (GitLab: with any subgroups). */
    String repositoryName();

    /** The clone URL declared for the repository, never one taken from a webhook body. */
    String cloneUrl();

    /** The login of the account that acted, or {@code null} when the host does not say. */
    String sender();

    @Override
    default String key() {
        return repositoryId();
    }
}
