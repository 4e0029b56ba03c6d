/** Filtering's domain values: decisions and build numbers. Depends on nothing else in the service. */
package dev.slipway.filtering.domain;
