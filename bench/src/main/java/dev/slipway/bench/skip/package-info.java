/**
 * The skip-latency benchmark, run by {@code bench/run-skip-bench.sh} against a standalone platform
 * that the script starts: how long a {@code [skip ci]} push takes from webhook to a decision in
 * history, and a building push to its build request. It talks to the platform over HTTP only;
 * nothing depends on this package, and it is no part of the product.
 */
package dev.slipway.bench.skip;
