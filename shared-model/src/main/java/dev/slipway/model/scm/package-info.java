/**
 * Events that ingestion normalises from git hosts' webhooks, on {@code slipway.scm.events}, as
 * DESIGN.md names them: {@link dev.slipway.model.scm.PushReceived} (commits pushed, a branch or tag
 * created or deleted by a push), {@link dev.slipway.model.scm.TagCreated} and
 * {@link dev.slipway.model.scm.TagDeleted} (GitHub's and Gitea's {@code create} and {@code delete}
 * of a tag), {@link dev.slipway.model.scm.ReleasePublished} (a release made public on the host),
 * {@link dev.slipway.model.scm.PullRequestChanged} and {@link dev.slipway.model.scm.PingReceived}
 * (GitHub checking a new webhook). They say what the host reported, in one shape whichever host it
 * was; what deserves a build is filtering's decision. They carry no secret: signatures were checked
 * before an event is made. Anything may depend on this package.
 */
package dev.slipway.model.scm;
