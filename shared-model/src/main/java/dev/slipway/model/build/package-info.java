/**
 * Events of a build's life: the trigger that filtering decides ({@code slipway.build.triggers}),
 * what execution reports while it runs ({@code slipway.build.events}) and its output
 * ({@code slipway.build.logs}).
 */
package dev.slipway.model.build;
