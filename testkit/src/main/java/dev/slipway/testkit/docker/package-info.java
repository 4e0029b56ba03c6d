/**
 * Tests against a real Docker engine: {@link dev.slipway.testkit.docker.RequiresDocker} runs a
 * test when the engine answers and otherwise skips it, or fails it when
 * {@code SLIPWAY_REQUIRE_DOCKER=1} says the engine is required; {@link
 * dev.slipway.testkit.docker.DockerEngine#client()} gives such tests a configured docker-java
 * client, and {@link dev.slipway.testkit.docker.LocalRegistry} a real registry with htpasswd
 * authentication on 127.0.0.1 to push to and read manifests from. Any module's tests may depend
 * on it, and no production code may.
 */
package dev.slipway.testkit.docker;
