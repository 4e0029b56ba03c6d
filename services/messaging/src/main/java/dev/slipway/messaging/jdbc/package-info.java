/** Helpers for the services' own JDBC writes, shared so that each service does not write them again. */
package dev.slipway.messaging.jdbc;
