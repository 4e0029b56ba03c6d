/**
 * Workspaces through JGit: a clone of the repository at the build's commit, in a temporary
 * directory of its own that is deleted when the build is done. Implements
 * {@code application.port.out.SourceCheckout}; nothing but the Spring context depends on it.
 */
package dev.slipway.execution.adapter.out.git;
