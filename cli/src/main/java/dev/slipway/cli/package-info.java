/**
 * The {@code slipway} command line ({@code lint}, {@code plan}, {@code explain}, {@code logs},
 * {@code trigger}, {@code cancel}, {@code creds}) and the {@code docker-credential-slipway} helper.
 * The commands arrive with the pipeline language and the credential broker; this module holds
 * their place in the build until then. It depends on shared-model and, later, on the pipeline
 * library; nothing depends on it.
 */
package dev.slipway.cli;
