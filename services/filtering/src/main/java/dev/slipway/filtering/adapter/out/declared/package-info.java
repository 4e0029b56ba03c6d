/**
 * The declared repositories file ({@code SLIPWAY_REPOSITORIES}), read once at start-up for what
 * filtering needs of it: each repository's release identity. Implements an application port.
 */
package dev.slipway.filtering.adapter.out.declared;
