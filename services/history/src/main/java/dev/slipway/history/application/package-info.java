/**
 * The history's use cases: recording what happened to builds and what filtering decided as events
 * arrive, and answering queries about them. The services here implement the ports in {@code port.in} on top of the
 * ports in {@code port.out}. Adapters depend on this package; it depends only on the domain and
 * the shared event contracts, never on an adapter.
 */
package dev.slipway.history.application;
