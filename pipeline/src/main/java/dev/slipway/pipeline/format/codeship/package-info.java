/**
 * Codeship Pro compatibility: {@code codeship-services.yml} and {@code codeship-steps.yml} (or their
 * {@code .json} forms) read into the format-neutral {@link dev.slipway.pipeline.model.Pipeline}, so
 * that matching and compiling treat them exactly like a {@code .slipway.yml}. Where Codeship did
 * something its files did not say, Slipway does what the file says and reports a
 * {@link dev.slipway.pipeline.format.codeship.LintCode} warning that names the difference;
 * {@code docs/codeship-migration.md} lists each one. Depends on {@code source}, {@code lint},
 * {@code model} and {@code template}; only the library's facade depends on it.
 */
package dev.slipway.pipeline.format.codeship;

import dev.slipway.pipeline.lint.LintCode;
