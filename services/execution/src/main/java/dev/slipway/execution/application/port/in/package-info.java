/**
 * The executor's use cases, as the inbound adapters call them: queue a requested build, cancel
 * one, and report whether builds can run. Inbound adapters depend on these and on nothing else
 * of the application.
 */
package dev.slipway.execution.application.port.in;
