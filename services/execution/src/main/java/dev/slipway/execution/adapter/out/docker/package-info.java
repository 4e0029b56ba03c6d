/**
 * The Docker implementation of {@code application.port.out.BuildBackend}, through docker-java
 * ({@code DockerClientImpl} over the Apache HTTP client 5 transport; the engine is found through
 * {@code slipway.execution.docker.host}, else {@code DOCKER_HOST}, else the local unix socket).
 * Build contexts travel as tar streams, never as host paths, and the build's output stream is
 * read item by item, because the engine reports a failed instruction only as an
 * {@code errorDetail} in a stream that otherwise ends normally. Nothing but the Spring context
 * depends on this package.
 */
package dev.slipway.execution.adapter.out.docker;
