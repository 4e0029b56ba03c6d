/**
 * The execution service: it takes {@code BuildRequested} from {@code slipway.build.triggers},
 * keeps each build as a run in its own table, and runs it on a Docker engine behind the
 * {@code BuildBackend} port: clone the repository at the build's commit, build its
 * {@code Dockerfile}, and report {@code BuildStarted}, the steps, the image, the log chunks and
 * {@code BuildFinished} through the outbox. Without a Docker engine it still starts, says so in
 * its log and its {@code docker} health details, and lets builds wait until an engine answers.
 * This root package only wires the layers together; nothing depends on it.
 */
package dev.slipway.execution;
