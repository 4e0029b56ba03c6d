/**
 * The real PostgreSQL and Kafka broker that tests share, one of each per JVM, and the Spring
 * properties that point a service's test context at them. Built on {@code dev.slipway.embedded};
 * any module's tests may depend on it, and no production code may.
 */
package dev.slipway.testkit.infra;
