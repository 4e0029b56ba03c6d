/**
 * Repositories declared in the YAML file named by {@code SLIPWAY_REPOSITORIES}: which git host,
 * which {@code owner/name}, where to clone it from, and the secret its webhooks are signed with.
 * Plain Java, so that every service and the CLI read the file the same way.
 */
package dev.slipway.model.repository;
