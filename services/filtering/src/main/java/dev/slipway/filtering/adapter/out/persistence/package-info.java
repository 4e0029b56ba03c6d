/** Filtering's tables ({@code decisions}, {@code build_numbers}) behind the decision store port. */
package dev.slipway.filtering.adapter.out.persistence;
