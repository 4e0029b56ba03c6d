/**
 * Build metrics through Micrometer: {@code slipway.execution.builds} counts finished builds by
 * status, {@code slipway.execution.build.duration} times them. Implements
 * {@code application.port.out}; nothing but the Spring context depends on it.
 */
package dev.slipway.execution.adapter.out.metrics;
