/**
 * The ingestion benchmark's load generator, run by {@code bench/run-ingestion-bench.sh}: signed
 * GitHub push deliveries posted over keep-alive HTTP/1.1 connections by virtual threads in a
 * closed loop, to Slipway and to a baseline webhook receiver alike. It talks HTTP only and uses no
 * Slipway code; nothing depends on this package, and it is no part of the product.
 */
package dev.slipway.bench.webhook;
