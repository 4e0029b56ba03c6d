/** The application's ports: {@code in}, what ingestion offers; {@code out}, what it needs. */
package dev.slipway.ingestion.application.port;
