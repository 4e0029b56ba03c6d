package dev.slipway.ingestion.domain;

import java.util.List;

/**
 * Which actions of each host's release event make a release public. Only those become a
 * {@code ReleasePublished}; an edit, a deletion or an unpublishing is ignored with its action named.
 */
final class ReleaseActions {

    /**
     * GitHub sends {@code created} when a release is published at once, and also when a draft is
     * saved (the body's {@code release.draft} tells which); {@code published} when a release or a
     * draft goes public; and {@code released} or {@code prereleased} beside it, by its kind.
     */
    static final List<String> GITHUB = List.of("published", "released", "prereleased", "created");
    /** Gitea and Forgejo send {@code published} for a release made public, drafts never. */
    static final List<String> GITEA = List.of("published");
    /** GitLab's {@code Release Hook} says {@code create}; GitLab has no drafts. */
    static final List<String> GITLAB = List.of("create");

    private ReleaseActions() {
    }

    /** Why a release event whose action is not among {@code publishing} is ignored. */
    static WebhookParseResult.Ignored notPublishing(String action, List<String> publishing) {
        return new WebhookParseResult.Ignored("release " + action + ": Slipway reads a release only when it is made "
                + "public (" + String.join(", ", publishing) + ")");
    }

    /** Why a draft is ignored, whatever the action. */
    static WebhookParseResult.Ignored draft(String action, String tag) {
        return new WebhookParseResult.Ignored("release " + action + " of draft " + tag + ": a draft is not public, "
                + "and Slipway reads the release once it is published");
    }
}
