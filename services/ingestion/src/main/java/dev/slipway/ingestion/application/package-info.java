/**
 * Ingestion's use cases: take a delivery, find its repository, check its signature, make sense of
 * it and store it together with the event it carries; and, for an operator holding the operator
 * token, publish a stored delivery's event again. Plain Java over the ports in
 * {@code port.in} and {@code port.out}; it depends on {@code domain} and on no adapter, and the
 * adapters depend on it.
 */
package dev.slipway.ingestion.application;
