/**
 * Tests' own view of the Kafka topics: {@link dev.slipway.testkit.kafka.EventProbe} reads what
 * services publish, from the moment it was opened, and {@link dev.slipway.testkit.kafka.EventSender}
 * publishes events with their envelope headers as a service would. Both talk to the real broker.
 */
package dev.slipway.testkit.kafka;
