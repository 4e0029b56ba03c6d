/**
 * The executor's use cases: queueing requested builds, dispatching them to a bounded pool of
 * workers while an engine answers, and running each build's steps (clone, then build the
 * {@code Dockerfile}) while announcing every change through the outbox. Plain Java: Spring wires
 * it from the root package. It depends on the domain and its own ports, never on an adapter;
 * inbound adapters reach it through {@code port.in}.
 */
package dev.slipway.execution.application;
