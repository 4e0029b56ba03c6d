/** Inbound adapters: the ways the outside calls ingestion. For now only {@code web}, the webhook endpoints. */
package dev.slipway.ingestion.adapter.in;
