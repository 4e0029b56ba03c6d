/**
 * Execution's Kafka consumer: {@code BuildRequested} in from {@code slipway.build.triggers},
 * once per event id, as consumer group {@code execution}. Depends on the application's input
 * ports only.
 */
package dev.slipway.execution.adapter.in.kafka;
