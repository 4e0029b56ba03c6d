/**
 * What the application needs from the outside, stated as ports: the
 * {@link dev.slipway.execution.application.port.out.BuildBackend} that builds and runs on an
 * engine, the {@link dev.slipway.execution.application.port.out.SourceCheckout} that prepares a
 * workspace, the secret values and registry credentials that plans name, the run table, the
 * event publisher, transactions and metrics. Adapters under {@code adapter.out} implement them;
 * the application depends on nothing else of the outside.
 */
package dev.slipway.execution.application.port.out;
