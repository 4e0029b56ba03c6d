/**
 * Repositories and their webhook secrets as declared in the YAML file named by
 * {@code SLIPWAY_REPOSITORIES} (or the property {@code slipway.repositories.file}), read once at
 * start-up. Implements {@code RepositoryRegistry} and {@code WebhookSecrets}; the credential
 * broker replaces the secrets side later. Depends on the application's ports and the domain; no
 * other adapter depends on it.
 */
package dev.slipway.ingestion.adapter.out.declared;
