/**
 * The delivery log in PostgreSQL: table {@code deliveries}, written in one transaction with the
 * messaging library's outbox by one writer that commits the deliveries of concurrent requests
 * together (group commit), and the replays of stored deliveries, table {@code delivery_replays},
 * each written in one transaction with the event it appends to the outbox again. Implements
 * {@code application.port.out.DeliveryLog} and {@code DeliveryReplays}; depends on the
 * application's ports, the domain, the outbox and Spring JDBC, and no other adapter depends on it.
 */
package dev.slipway.ingestion.adapter.out.persistence;
