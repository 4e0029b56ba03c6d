/**
 * The pipeline language: parse, lint, match and compile {@code .slipway.yml} (and, later, Codeship
 * Pro) files into an immutable {@link dev.slipway.pipeline.plan.BuildPlan}. A pure library that
 * imports nothing of Spring, Kafka, JPA or Docker; filtering, execution and the CLI all run this
 * same code through {@link dev.slipway.pipeline.Pipelines}: {@code load} gives the model and its
 * problems, {@code decide} the {@link dev.slipway.pipeline.match.Decision} for an event, and
 * {@code plan} the decision with the plan.
 */
package dev.slipway.pipeline;
