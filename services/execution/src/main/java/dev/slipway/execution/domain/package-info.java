/**
 * The executor's own model: a {@link dev.slipway.execution.domain.Run} and its states; the
 * {@link dev.slipway.execution.domain.BuildSchedule} that numbers a plan's steps and gives each its
 * time limit; the {@link dev.slipway.execution.domain.BuildProgress} that decides which steps run
 * and how the build ends; the script of a {@code run} step; the masking of secret values; the
 * local names of built images; and the batching of output lines into log chunks. Pure Java that
 * depends on nothing of the service, only on the shared event records and the pipeline library's
 * plan; everything else may depend on it.
 */
package dev.slipway.execution.domain;
