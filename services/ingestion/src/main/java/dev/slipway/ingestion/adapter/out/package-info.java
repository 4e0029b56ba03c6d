/**
 * Outbound adapters: the delivery log in PostgreSQL ({@code persistence}), the declared
 * repositories ({@code declared}) and the metrics ({@code metrics}). Events reach Kafka through
 * the messaging library's outbox, which the delivery log writes to.
 */
package dev.slipway.ingestion.adapter.out;
