/**
 * Delivery outcomes as Micrometer counters ({@code slipway.ingestion.deliveries}, on
 * {@code /actuator/prometheus}). Implements {@code DeliveryMetrics}; depends on the application's
 * ports and the domain; no other adapter depends on it.
 */
package dev.slipway.ingestion.adapter.out.metrics;
