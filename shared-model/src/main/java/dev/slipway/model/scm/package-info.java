/**
 * Events that ingestion normalises from git hosts' webhooks, on {@code slipway.scm.events}:
 * {@link dev.slipway.model.scm.PushReceived} (commits pushed, a ref created or deleted by a push),
 * {@link dev.slipway.model.scm.RefCreated} and {@link dev.slipway.model.scm.RefDeleted} (GitHub's
 * and Gitea's {@code create} and {@code delete}), {@link dev.slipway.model.scm.ReleaseChanged} and
 * {@link dev.slipway.model.scm.PullRequestChanged}. They say what the host reported, in one shape
 * whichever host it was; what deserves a build is filtering's decision. They carry no secret:
 * signatures were checked before an event is made. Anything may depend on this package.
 */
package dev.slipway.model.scm;
