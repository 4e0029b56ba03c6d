/**
 * What ingestion needs from the outside: the registered repositories and their webhook secrets,
 * a durable delivery log that stores a delivery and its event in one transaction, the replays of
 * stored deliveries, and a place to count outcomes. Outbound adapters implement these ports; the application depends only on them.
 */
package dev.slipway.ingestion.application.port.out;
