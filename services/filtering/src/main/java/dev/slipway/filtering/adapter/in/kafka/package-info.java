/** Filtering's Kafka consumers: SCM events in. Depends on the application's input ports only. */
package dev.slipway.filtering.adapter.in.kafka;
