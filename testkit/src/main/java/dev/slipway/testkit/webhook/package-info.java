/**
 * Webhook deliveries as git hosts send them, for tests of the ingestion path: realistic GitHub
 * {@code push} bodies, GitHub's headers, and their HMAC signatures. Shaped on payloads captured
 * from GitHub, but written here; the captured ones stay in the shared fixtures. Any module's
 * tests may depend on it, and no production code may.
 */
package dev.slipway.testkit.webhook;
