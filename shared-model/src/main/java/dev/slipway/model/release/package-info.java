/**
 * What the releases service says about the releases it makes, on {@code slipway.releases}, and the
 * marker its release notes carry. Filtering's loop guard reads both, so that a release's own tag
 * never starts the build that would release again. Depends on nothing but shared-model.
 */
package dev.slipway.model.release;
