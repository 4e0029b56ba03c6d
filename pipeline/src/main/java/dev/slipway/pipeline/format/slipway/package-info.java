/**
 * The native format, {@code .slipway.yml}: reads a {@link dev.slipway.pipeline.source.Node} tree
 * into the {@link dev.slipway.pipeline.model} and reports what is structurally wrong (unknown keys,
 * wrong kinds of node, bad values). Rules about meaning that hold for every format live in
 * {@code lint.rules}. Only the facade depends on this package.
 */
package dev.slipway.pipeline.format.slipway;
