/** Pipeline files read from a bare mirror of each repository, kept on disk and fetched as needed. */
package dev.slipway.filtering.adapter.out.git;
