/**
 * Secret values read from configuration ({@code slipway.execution.secrets}), behind the
 * application's {@code SecretValues} port, until the credential broker serves them. Values are
 * never logged. Depends on the application's ports only.
 */
package dev.slipway.execution.adapter.out.configuration;
