package dev.slipway.ingestion.adapter.out.persistence;

import dev.slipway.ingestion.application.port.out.NewDelivery;
import dev.slipway.model.codec.EventCodec;
import tools.jackson.databind.json.JsonMapper;

/**
 * A delivery made ready to store: its body compressed, its headers and its event written as JSON.
 * The request thread that brings the delivery does this before handing it to the writer, so that
 * the one writer, whose transactions every delivery waits for, spends its time storing and not
 * encoding (the event's JSON was two fifths of the writer's CPU at concurrency 64,
 * docs/benchmarks.md).
 *
 * @param body         {@link NewDelivery#body()} as stored
 * @param headers      {@link NewDelivery#headers()} as a JSON object
 * @param eventPayload {@link NewDelivery#event()} as {@link EventCodec#encode} gives it; {@code null} when
 *                     the delivery has no event
 */
record DeliveryRow(NewDelivery delivery, StoredBody body, String headers, byte[] eventPayload) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static DeliveryRow of(NewDelivery delivery, EventCodec codec) {
        return new DeliveryRow(delivery, StoredBody.of(delivery.body()), JSON.writeValueAsString(delivery.headers()),
                delivery.event() == null ? null : codec.encode(delivery.event()));
    }
}
