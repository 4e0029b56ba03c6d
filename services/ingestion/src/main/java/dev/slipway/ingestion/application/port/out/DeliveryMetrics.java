package dev.slipway.ingestion.application.port.out;

import dev.slipway.ingestion.domain.Rejection;
import dev.slipway.ingestion.domain.ReplayRefusal;
import dev.slipway.ingestion.domain.Verdict;

/**
 * Counts what arrived at ingestion and what became of it, for operators. Must not fail and must
 * not block.
 *
 * <p>Every request to a webhook endpoint is counted once by {@link #received}, and, unless a bug
 * turned it into a 500, once more by exactly one of {@link #count} and {@link #unavailable}.
 */
public interface DeliveryMetrics {

    /** Counts one request to {@code provider}'s webhook endpoint, before anything about it is checked. */
    void received(String provider);

    /**
     * Counts one delivery from {@code provider} with {@code verdict}; {@code rejection} says why
     * when the verdict is {@link Verdict#REJECTED}, and is {@code null} otherwise.
     */
    void count(String provider, Verdict verdict, Rejection rejection);

    /** Counts one delivery from {@code provider} that could not be stored, and was answered 503. */
    void unavailable(String provider);

    /** Counts one request to replay a delivery: {@code refusal} says why it was refused, {@code null} when it was replayed. */
    void replay(ReplayRefusal refusal);
}
