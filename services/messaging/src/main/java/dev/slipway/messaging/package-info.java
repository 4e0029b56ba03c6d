/**
 * The Spring library that every Slipway service shares for talking over Kafka: the transactional
 * outbox and its relay ({@code outbox}), the binding of envelopes to record headers
 * ({@code envelope}), and idempotent consumption with dead letters ({@code consumer}).
 *
 * <p>Nothing domain-specific lives here. Services depend on this module; it depends only on
 * {@code shared-model} and Spring.
 */
package dev.slipway.messaging;
