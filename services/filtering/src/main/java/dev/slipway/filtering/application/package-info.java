/**
 * Filtering's use cases and the ports they need. Depends on the domain and on shared-model's
 * events; never on an adapter.
 */
package dev.slipway.filtering.application;
