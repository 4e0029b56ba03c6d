/**
 * The service's adapters, inbound ({@code in.*}: what calls ingestion) and outbound
 * ({@code out.*}: what ingestion calls). Each adapter depends on the application's ports and the
 * domain, never on another adapter.
 */
package dev.slipway.ingestion.adapter;
