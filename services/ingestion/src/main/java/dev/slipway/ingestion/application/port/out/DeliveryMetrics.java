package dev.slipway.ingestion.application.port.out;

import dev.slipway.ingestion.domain.Rejection;
import dev.slipway.ingestion.domain.Verdict;

/** Counts what became of deliveries, for operators. Must not fail and must not block. */
public interface DeliveryMetrics {

    /**
     * Counts one delivery from {@code provider} with {@code verdict}; {@code rejection} says why
     * when the verdict is {@link Verdict#REJECTED}, and is {@code null} otherwise.
     */
    void count(String provider, Verdict verdict, Rejection rejection);
}
