/** Filtering's domain values: decisions, build numbers and the loop guard. Depends on nothing else in the service. */
package dev.slipway.filtering.domain;
