/** How an {@link dev.slipway.model.Envelope} is written to and read from Kafka record headers. */
package dev.slipway.messaging.envelope;
