/**
 * Consuming events: {@link dev.slipway.messaging.consumer.IdempotentConsumer} reads a record's
 * envelope and event, skips an event id the consumer has handled before, and runs the handler
 * in one database transaction with the dedupe mark, so that a redelivered event changes nothing.
 * Records that cannot be read are dead-lettered to {@code <topic>.dlq} with the error.
 */
package dev.slipway.messaging.consumer;
