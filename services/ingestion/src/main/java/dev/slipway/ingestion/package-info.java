/**
 * The ingestion service: git hosts' webhooks in, SCM events out on {@code slipway.scm.events}.
 * A delivery is verified against its declared repository, stored in {@code deliveries} with its
 * verdict, and its event is appended to the outbox in the same transaction, before it is answered
 * 202. An operator holding the operator token can have a stored delivery's event published again. This package only starts and wires the service; it may depend on every package below it.
 */
package dev.slipway.ingestion;
