/**
 * The history's Kafka consumers (group {@code history}) of {@code slipway.build.triggers},
 * {@code slipway.build.events} and {@code slipway.build.logs}. Each record goes through the
 * messaging library's idempotent consumer, so a redelivered event changes nothing, and is handed
 * to the application's recording use cases (builds, and filtering's decisions). Nothing depends on
 * this package.
 */
package dev.slipway.history.adapter.in.kafka;
