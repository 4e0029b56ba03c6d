/**
 * The filtering service: it turns SCM events into build decisions. For every push it assigns the
 * repository's next build number and emits {@code BuildRequested}; a redelivered or replayed
 * event finds the decision already made and changes nothing. Skip rules, step filters and the
 * release-loop guard come with the pipeline language; until then every push builds.
 */
package dev.slipway.filtering;
