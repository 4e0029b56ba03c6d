/**
 * Secret values and registry logins read from configuration ({@code slipway.execution.secrets},
 * {@code slipway.execution.registries}), behind the application's {@code SecretValues} and
 * {@code RegistryCredentials} ports, until the credential broker serves them. Values are never
 * logged. Depends on the application's ports only.
 */
package dev.slipway.execution.adapter.out.configuration;
