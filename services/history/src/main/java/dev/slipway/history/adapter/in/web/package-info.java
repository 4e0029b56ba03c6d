/**
 * The history's HTTP face: the REST API under {@code /api/builds} (JSON, plain-text logs and
 * server-sent events for following a log) and {@code /api/decisions}, its errors as RFC 9457 problem details, and the
 * settings of log following. Controllers are package-private and call only the application's
 * query port; nothing depends on this package.
 */
package dev.slipway.history.adapter.in.web;
