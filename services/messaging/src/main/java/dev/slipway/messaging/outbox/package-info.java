/**
 * The transactional outbox. A service calls {@link dev.slipway.messaging.outbox.Outbox#append}
 * inside the transaction that changes its own tables; the {@link
 * dev.slipway.messaging.outbox.OutboxRelay} publishes committed rows to Kafka afterwards, each
 * once, deleting each row once Kafka has acknowledged it, and on start first looks on Kafka for
 * rows it had sent but not deleted ({@code OutboxRecovery}). {@code OutboxBacklog} feeds the pending and lag gauges. No service
 * sends to Kafka inside a database transaction, and no service writes twice.
 */
package dev.slipway.messaging.outbox;
