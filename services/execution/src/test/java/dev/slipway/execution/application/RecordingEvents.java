package dev.slipway.execution.application;

import dev.slipway.execution.application.port.out.BuildEventPublisher;
import dev.slipway.execution.domain.Run;
import dev.slipway.model.SlipwayEvent;
import dev.slipway.model.build.BuildEvent;
import dev.slipway.model.build.LogChunk;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what was published, and fails a publish made outside a transaction, as the outbox does. */
final class RecordingEvents implements BuildEventPublisher {

    private final DirectTransactions transactions;
    final List<SlipwayEvent> published = new CopyOnWriteArrayList<>();

    RecordingEvents(DirectTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void publish(BuildEvent event, Run run) {
        record(event);
    }

    @Override
    public void publish(LogChunk chunk, Run run) {
        record(chunk);
    }

    private void record(SlipwayEvent event) {
        if (!transactions.active()) {
            throw new IllegalStateException("published outside a transaction: " + event);
        }
        published.add(event);
    }

    List<BuildEvent> buildEvents(UUID buildId) {
        return published.stream().filter(e -> e instanceof BuildEvent b && b.buildId().equals(buildId))
                .map(BuildEvent.class::cast).toList();
    }

    List<LogChunk> chunks(UUID buildId) {
        return published.stream().filter(e -> e instanceof LogChunk c && c.buildId().equals(buildId))
                .map(LogChunk.class::cast).toList();
    }
}
