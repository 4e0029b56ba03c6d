/**
 * What ingestion offers the outside: receiving a webhook delivery ({@link
 * dev.slipway.ingestion.application.port.in.ReceiveWebhook}), replaying a stored one for operators
 * ({@link dev.slipway.ingestion.application.port.in.ReplayDelivery}), and the commands and outcomes
 * that go with them. Inbound adapters (the web controllers) depend on these types; they depend on the domain.
 */
package dev.slipway.ingestion.application.port.in;
