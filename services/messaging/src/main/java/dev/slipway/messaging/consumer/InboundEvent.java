package dev.slipway.messaging.consumer;

import dev.slipway.model.Envelope;
import dev.slipway.model.SlipwayEvent;

/**
 * An event as a consumer receives it.
 *
 * @param envelope its envelope, read from the record headers
 * @param event    the decoded event
 * @param topic    the topic it came from
 */
public record InboundEvent(Envelope envelope, SlipwayEvent event, String topic) {
}
