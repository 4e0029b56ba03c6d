/**
 * The {@code slipway} command line: {@code lint}, {@code plan} and {@code explain}, thin commands
 * over the pipeline library's {@code Pipelines} facade. They read pipeline files from disk, turn
 * options into an {@code Event} and a {@code PlanContext}, and print what the library returns as
 * text or as its JSON; every decision is the library's. The remaining commands of DESIGN.md
 * ({@code logs}, {@code trigger}, {@code cancel}, {@code creds}) and the
 * {@code docker-credential-slipway} helper will live here too. Only {@link dev.slipway.cli.SlipwayCli}
 * is public, for its {@code main}; nothing depends on this module.
 */
package dev.slipway.cli;
