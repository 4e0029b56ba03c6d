/**
 * The executor's own model: a {@link dev.slipway.execution.domain.Run} and its states, the local
 * image name a build's image gets, and the batching of output lines into log chunks. Pure Java
 * that depends on nothing of the service but the shared event records; everything else may
 * depend on it.
 */
package dev.slipway.execution.domain;
