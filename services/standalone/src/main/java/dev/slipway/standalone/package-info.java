/**
 * The standalone platform: every Slipway service in one JVM, on the same ports as a compose
 * deployment, with a real PostgreSQL and a real Kafka broker embedded and their data kept under
 * {@code $SLIPWAY_HOME} (by default {@code ~/.slipway}). Each service runs as its own Spring
 * application context with its own schema, exactly as it would run alone. Nothing depends on this
 * package.
 */
package dev.slipway.standalone;
