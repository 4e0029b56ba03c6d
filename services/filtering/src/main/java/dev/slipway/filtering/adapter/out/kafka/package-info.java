/** Announces filtering's decisions through the transactional outbox. */
package dev.slipway.filtering.adapter.out.kafka;
