/**
 * Lint rules about what a pipeline means, checked on the format-neutral model so that native and
 * Codeship files get the same checks: references, duplicate names, dependency cycles, sysctls,
 * secrets written in plain text, tag templates. Structural problems (unknown keys, wrong kinds of
 * node) are reported by each format's reader. Depends on {@code model}; the facade depends on it.
 */
package dev.slipway.pipeline.lint.rules;
