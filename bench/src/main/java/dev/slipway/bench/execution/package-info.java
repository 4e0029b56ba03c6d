/**
 * Benchmarks of execution on the real Docker engine: a build's wall time through Slipway against the
 * docker CLI doing the same build and push ({@link dev.slipway.bench.execution.BuildOverhead}), and
 * many builds at once, each with a service and a step ({@link dev.slipway.bench.execution.BuildScale}).
 */
package dev.slipway.bench.execution;
