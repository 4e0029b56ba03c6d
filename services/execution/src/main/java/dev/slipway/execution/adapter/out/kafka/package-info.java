/**
 * Events out: the build's events and log chunks go to the messaging library's outbox, which
 * publishes them to {@code slipway.build.events} and {@code slipway.build.logs} after commit.
 * Implements {@code application.port.out}; nothing but the Spring context depends on it.
 */
package dev.slipway.execution.adapter.out.kafka;
