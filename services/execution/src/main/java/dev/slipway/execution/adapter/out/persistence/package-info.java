/**
 * The executor's PostgreSQL schema through Spring JDBC: the {@code runs} table and the
 * transactions that bind it to the outbox. Implements ports of {@code application.port.out};
 * nothing but the Spring context depends on it.
 */
package dev.slipway.execution.adapter.out.persistence;
