/**
 * JMH benchmarks of the pipeline library, run by {@code bench/run-pipeline-bench.sh}. They use only
 * the library's public API; nothing depends on this package, and it is no part of the product.
 */
package dev.slipway.bench;
