package dev.slipway.ingestion.adapter.out.persistence;

import dev.slipway.ingestion.application.port.out.NewDelivery;
import dev.slipway.messaging.jdbc.Lz4Block;
import dev.slipway.model.codec.EventCodec;
import tools.jackson.databind.json.JsonMapper;

/**
 * A delivery made ready to store: its body compressed, its headers and its event written as JSON.
 * The request thread that brings the delivery does this before handing it to the writer, so that
 * the one writer, whose transactions every delivery waits for, spends its time storing and not
 * encoding (the event's JSON was two fifths of the writer's CPU at concurrency 64,
 * docs/benchmarks.md).
 *
 * @param body         {@link NewDelivery#body()} as stored: compressed with LZ4 when that makes it smaller, which
 *                     a git host's JSON always does (a GitHub push of 8.5 KB becomes 2.5 KB in about 8
 *                     microseconds), so that a typical delivery's row fits in one page and PostgreSQL writes
 *                     no TOAST rows for it (half the WAL per delivery, docs/benchmarks.md)
 * @param headers      {@link NewDelivery#headers()} as a JSON object
 * @param eventPayload {@link NewDelivery#event()} as {@link EventCodec#encode} gives it; {@code null} when
 *                     the delivery has no event
 */
record DeliveryRow(NewDelivery delivery, Lz4Block body, String headers, byte[] eventPayload) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static DeliveryRow of(NewDelivery delivery, EventCodec codec) {
        return new DeliveryRow(delivery, Lz4Block.of(delivery.body()), JSON.writeValueAsString(delivery.headers()),
                delivery.event() == null ? null : codec.encode(delivery.event()));
    }
}
