/**
 * Pipeline files as read from disk: a tree of mappings, sequences and scalars in which every node
 * knows its file, line and column, so that every later problem can point at the exact place.
 * YAML and JSON files are both read here; nothing in this package interprets what the keys mean.
 */
package dev.slipway.pipeline.source;
