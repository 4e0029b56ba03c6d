/**
 * Lint problems: what is wrong with a pipeline file, where, and what to do about it. Every stage
 * of the library reports through {@link dev.slipway.pipeline.lint.Problem}s rather than
 * exceptions; only errors block a build.
 */
package dev.slipway.pipeline.lint;
