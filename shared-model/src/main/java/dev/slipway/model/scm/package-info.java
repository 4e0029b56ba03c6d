/**
 * Events that ingestion normalises from git hosts' webhooks, on {@code slipway.scm.events}.
 * They carry no secret: signatures were checked before an event is made.
 */
package dev.slipway.model.scm;
