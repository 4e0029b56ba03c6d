/**
 * Lint problems: what is wrong with a pipeline file, where, and what to do about it. Every stage
 * of the library reports through {@link dev.slipway.pipeline.lint.Problem}s rather than
 * exceptions; only errors block a build. {@link dev.slipway.pipeline.lint.LintCode} is the
 * catalogue of stable codes, and {@link dev.slipway.pipeline.lint.Suggestions} finds the "did you
 * mean". This package depends on {@code source} only; every other package may depend on it. The
 * rules about meaning live in {@code lint.rules}.
 */
package dev.slipway.pipeline.lint;
