/** Filtering's metrics in Micrometer, exported at {@code /actuator/prometheus}. */
package dev.slipway.filtering.adapter.out.metrics;
