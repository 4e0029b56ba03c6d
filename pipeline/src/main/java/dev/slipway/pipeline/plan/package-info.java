/**
 * The compiled build: an immutable, deterministic {@link dev.slipway.pipeline.plan.BuildPlan}
 * made from the steps an event matched, with every template rendered, every image reference
 * resolved and every secret reduced to its name; and its stable JSON form. Execution runs only a
 * plan, never YAML. Depends on {@code model}, {@code match} and {@code template}; the facade, and
 * through it filtering, execution and the CLI, depend on it.
 */
package dev.slipway.pipeline.plan;
