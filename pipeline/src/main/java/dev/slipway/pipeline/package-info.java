/**
 * The pipeline language: parse, lint, match and compile {@code .slipway.yml} and Codeship Pro files
 * into an immutable {@code BuildPlan}. A pure library that imports nothing of Spring, Kafka, JPA or
 * Docker; filtering, execution and the CLI all run this same code. The language itself arrives
 * with its own issue; until then every push builds the repository's Dockerfile.
 */
package dev.slipway.pipeline;
