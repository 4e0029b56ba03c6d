/**
 * The JSON codec for event records. Writing and reading go through the {@link
 * dev.slipway.model.EventCatalog}, so an event is always read by its {@code event-type} and
 * {@code event-version} headers, never by a class name inside the payload.
 */
package dev.slipway.model.codec;
