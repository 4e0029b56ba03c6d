/**
 * Matching an {@link dev.slipway.pipeline.match.Event} against a pipeline: the event type and
 * trigger patterns ({@code on}), commit-message skip rules, and every step's {@code when}. The
 * answer is a {@link dev.slipway.pipeline.match.Decision} that says run or skip, which rule decided,
 * why each step did or did not match, and one sentence for people. Pure and cheap, because
 * filtering runs it on every webhook. Depends on {@code model}; {@code plan} and the facade depend on it.
 */
package dev.slipway.pipeline.match;
