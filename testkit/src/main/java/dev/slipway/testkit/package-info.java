/**
 * Slipway's test kit: the shared embedded infrastructure ({@code infra}), the Docker engine
 * ({@code docker}), local git repositories ({@code git}) and signed webhooks ({@code webhook}).
 * Every module may use it in test scope; nothing may use it in production code, and it depends
 * on no Slipway module but {@code embedded} and {@code shared-model}.
 */
package dev.slipway.testkit;
