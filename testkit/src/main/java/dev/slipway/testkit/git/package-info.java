/**
 * Real git repositories in temporary directories, made with JGit: files, commits, branches and
 * tags, and a {@code file://} URL to clone them from. Any module's tests may depend on it, and no
 * production code may.
 */
package dev.slipway.testkit.git;
