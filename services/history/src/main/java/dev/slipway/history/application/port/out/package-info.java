/**
 * What the history needs from its driven adapters: a store for what it learns about builds and a
 * reader for the queries. The persistence adapter implements both; the application depends on
 * these interfaces only.
 */
package dev.slipway.history.application.port.out;
