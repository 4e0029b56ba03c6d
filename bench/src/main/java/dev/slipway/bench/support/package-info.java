/**
 * What the benchmarks share: their command-line options, a local git repository to commit in, and
 * signed GitHub push deliveries posted to ingestion.
 */
package dev.slipway.bench.support;
