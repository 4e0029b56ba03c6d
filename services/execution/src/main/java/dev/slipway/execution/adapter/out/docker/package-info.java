/**
 * The Docker implementation of {@code application.port.out.BuildBackend}, through docker-java
 * ({@code DockerClientImpl} over the Apache HTTP client 5 transport; the engine is found through
 * {@code slipway.execution.docker.host}, else {@code DOCKER_HOST}, else the local unix socket).
 * Each build gets a network on a subnet of its own from a configured range
 * ({@code SubnetAllocator}) and a workspace volume filled from a tar stream; build contexts
 * travel as tar streams too, never as host paths. Mapping a step to container settings
 * ({@code ContainerSettings}) and reading the engine's streams (builds, pushes, logs, health)
 * are pure classes tested without an engine, because the engine reports a failed instruction or
 * a refused push only inside a stream that otherwise ends normally. Nothing but the Spring
 * context depends on this package.
 */
package dev.slipway.execution.adapter.out.docker;
