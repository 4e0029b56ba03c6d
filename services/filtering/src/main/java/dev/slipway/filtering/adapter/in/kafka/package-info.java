/** Filtering's Kafka consumers: SCM events, and the releases service's intended releases. Depends on the application's input ports only. */
package dev.slipway.filtering.adapter.in.kafka;
