/**
 * The history's tables in PostgreSQL (schema {@code history}: {@code builds}, {@code build_steps},
 * {@code build_images}, {@code log_chunks}, {@code decisions}), written and read with Spring JDBC. Implements the
 * application's store and reader ports; SQL and row mapping stay in here. Nothing outside Spring's
 * wiring depends on this package.
 */
package dev.slipway.history.adapter.out.persistence;
