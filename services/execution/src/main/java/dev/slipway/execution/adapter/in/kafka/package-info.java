/**
 * Execution's Kafka consumers: {@code BuildRequested} in from {@code slipway.build.triggers}, and
 * {@code CancelBuild} from {@code slipway.build.commands}, each once per event id, as consumer group
 * {@code execution}. Depends on the application's input ports only.
 */
package dev.slipway.execution.adapter.in.kafka;
