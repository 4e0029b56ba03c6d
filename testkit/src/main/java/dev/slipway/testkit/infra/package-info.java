/**
 * The real PostgreSQL and Kafka broker that tests share, one of each per JVM, and the Spring
 * properties that point a service's test context at them; and, for tests that stop them as an
 * outage, a PostgreSQL and a Kafka broker of the test's own that start again on the same port
 * and data ({@code RestartablePostgres}, {@code RestartableKafka}). Built on
 * {@code dev.slipway.embedded}; any module's tests may depend on it, and no production code may.
 */
package dev.slipway.testkit.infra;
