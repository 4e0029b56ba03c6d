/**
 * Real infrastructure run from inside the JVM: {@link dev.slipway.embedded.PostgresServer}, a
 * PostgreSQL 17 from zonky's binaries, and {@link dev.slipway.embedded.KafkaServer}, a one-node
 * Kafka 4.1 broker in KRaft mode. Both keep their data in a directory of their own, persistent or
 * temporary, and listen on the loopback interface only. The standalone platform runs its services
 * on them, and the testkit starts them for tests. Depends on nothing of Slipway and on nothing of
 * Spring; any module may depend on it, but only the standalone platform should in production code.
 */
package dev.slipway.embedded;
