/**
 * Requests, delivery outcomes and replays as Micrometer counters ({@code
 * slipway.ingestion.deliveries.received}, {@code slipway.ingestion.deliveries} and {@code
 * slipway.ingestion.replays}, on {@code /actuator/prometheus}). Implements {@code DeliveryMetrics};
 * depends on the application's ports and the domain; no other adapter depends on it.
 */
package dev.slipway.ingestion.adapter.out.metrics;
