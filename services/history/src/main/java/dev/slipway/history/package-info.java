/**
 * The history service: the read side of Slipway. It consumes every build event and keeps its own
 * copy in the {@code history} schema, and serves it through the REST API under {@code /api/**},
 * the web UI at {@code /} and the OpenAPI description at {@code /v3/api-docs}. Only the
 * standalone platform depends on this package, to start the service.
 */
package dev.slipway.history;
