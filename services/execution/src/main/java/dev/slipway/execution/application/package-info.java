/**
 * The executor's use cases: queueing requested builds with their plans, dispatching them to a
 * bounded pool of workers while an engine answers, running each build's plan (checkout, images,
 * services, then stages of parallel lanes) while announcing every change through the outbox, and
 * cancelling builds. Also the pure mapping of a plan's steps and services to the backend's
 * container specs. Plain Java: Spring wires it from the root package. It depends on the domain,
 * the pipeline library's plan and its own ports, never on an adapter; inbound adapters reach it
 * through {@code port.in}.
 */
package dev.slipway.execution.application;
