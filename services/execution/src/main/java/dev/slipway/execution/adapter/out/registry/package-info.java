/**
 * Where pushes get their registry logins: {@code application.port.out.RegistryCredentials} served
 * from configuration ({@code slipway.execution.registries}), until the credential broker takes
 * over behind the same port. Nothing but the Spring context depends on this package.
 */
package dev.slipway.execution.adapter.out.registry;
