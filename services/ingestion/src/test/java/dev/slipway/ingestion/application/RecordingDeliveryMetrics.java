package dev.slipway.ingestion.application;

import dev.slipway.ingestion.application.port.out.DeliveryMetrics;
import dev.slipway.ingestion.domain.Rejection;
import dev.slipway.ingestion.domain.ReplayRefusal;
import dev.slipway.ingestion.domain.Verdict;
import java.util.List;

/**
 * The metrics port in memory: each count is added to a list as {@code provider/outcome/reason}
 * (or {@code provider/received}, or {@code replay/outcome/reason}), so that a test can assert
 * what was counted, in order.
 */
final class RecordingDeliveryMetrics implements DeliveryMetrics {

    private final List<String> counted;

    RecordingDeliveryMetrics(List<String> counted) {
        this.counted = counted;
    }

    @Override
    public void received(String provider) {
        counted.add(provider + "/received");
    }

    @Override
    public void count(String provider, Verdict verdict, Rejection rejection) {
        counted.add(provider + "/" + verdict.wireName() + "/" + (rejection == null ? "none" : rejection.slug()));
    }

    @Override
    public void unavailable(String provider) {
        counted.add(provider + "/unavailable/database-unavailable");
    }

    @Override
    public void replay(ReplayRefusal refusal) {
        counted.add(refusal == null ? "replay/replayed/none" : "replay/refused/" + refusal.slug());
    }
}
