/**
 * What the history needs from its driven adapters: stores for what it learns about builds and
 * decisions, and readers for the queries. The persistence adapter implements them; the
 * application depends on these interfaces only.
 */
package dev.slipway.history.application.port.out;
