/**
 * The Spring library that every Slipway service shares for talking over Kafka: the transactional
 * outbox and its relay ({@code outbox}), and idempotent consumption with dead letters
 * ({@code consumer}). How an envelope travels in record headers is shared-model's
 * {@code EnvelopeBinding}, so that tests read it the same way.
 *
 * <p>Nothing domain-specific lives here. Services depend on this module; it depends only on
 * {@code shared-model} and Spring.
 */
package dev.slipway.messaging;
