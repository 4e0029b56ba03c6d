/**
 * The history's model of a build as users see it: its status, steps, images and log chunks, and
 * the pure rules around them (branch or tag from a ref, the page cursor, log text that PostgreSQL
 * can store). It depends only on the shared event contracts; everything else in the service may
 * depend on it.
 */
package dev.slipway.history.domain;
