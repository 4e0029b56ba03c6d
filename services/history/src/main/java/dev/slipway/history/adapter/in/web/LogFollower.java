package dev.slipway.history.adapter.in.web;

import dev.slipway.history.adapter.in.web.BuildViews.Chunk;
import dev.slipway.history.adapter.in.web.BuildViews.End;
import dev.slipway.history.application.port.in.QueryBuildHistory;
import dev.slipway.history.domain.BuildLogChunk;
import dev.slipway.model.build.BuildStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Streams growing logs to clients as server-sent events. Each follower is a virtual thread that
 * polls the history, which keeps the design free of any notification channel between the Kafka
 * consumers and the web layer: the table is the only shared state, and a poll every
 * {@link LogFollowSettings#pollInterval()} costs one indexed query.
 *
 * <p>A follower ends when the build is final and no new chunk has come for
 * {@link LogFollowSettings#settle()} (chunks travel on their own topic and may land after the
 * build's end), when the client goes away, on timeout, or when the service stops.
 */
@Component
class LogFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LogFollower.class);
    private static final int BATCH = 500;

    private final QueryBuildHistory history;
    private final LogFollowSettings settings;
    private final Clock clock;
    private final Set<Follow> follows = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    LogFollower(QueryBuildHistory history, LogFollowSettings settings, Clock clock) {
        this.history = history;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts streaming the log of {@code buildId} from chunk {@code fromSequence} on. */
    SseEmitter follow(UUID buildId, long fromSequence) {
        SseEmitter emitter = new SseEmitter(settings.timeout().toMillis());
        Follow follow = new Follow(buildId, fromSequence, emitter);
        emitter.onCompletion(follow::stop);
        emitter.onTimeout(follow::stop);
        emitter.onError(e -> follow.stop());
        follows.add(follow);
        Thread.ofVirtual().name("log-follow-" + buildId).start(follow);
        return emitter;
    }

    @Override
    public void start() {
        running = true;
    }

    /** Closes every open stream, so that a graceful shutdown need not wait for clients to leave. */
    @Override
    public void stop() {
        running = false;
        for (Follow follow : follows) {
            follow.stop();
            follow.emitter.complete();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private final class Follow implements Runnable {

        private final UUID buildId;
        private final SseEmitter emitter;
        private volatile boolean stopped;
        private long next;

        Follow(UUID buildId, long fromSequence, SseEmitter emitter) {
            this.buildId = buildId;
            this.next = fromSequence;
            this.emitter = emitter;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            try {
                stream();
            } catch (IOException e) {
                // The client went away; nothing to tell anyone.
                emitter.completeWithError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                emitter.complete();
            } catch (RuntimeException e) {
                log.warn("following the log of build {} failed: {}", buildId, e.toString());
                emitter.completeWithError(e);
            } finally {
                follows.remove(this);
            }
        }

        private void stream() throws IOException, InterruptedException {
            Instant quietSince = null;
            while (!stopped) {
                boolean sent = sendNewChunks();
                Optional<BuildStatus> status = history.status(buildId);
                if (status.isPresent() && status.get().isFinal()) {
                    Instant now = clock.instant();
                    if (sent || quietSince == null) {
                        quietSince = now;
                    }
                    if (!Duration.between(quietSince, now).minus(settings.settle()).isNegative()) {
                        sendNewChunks();
                        emitter.send(SseEmitter.event().name("end")
                                .data(new End(buildId, status.get().wireName()), MediaType.APPLICATION_JSON));
                        emitter.complete();
                        return;
                    }
                }
                if (!sent) {
                    Thread.sleep(settings.pollInterval());
                }
            }
        }

        /** Sends every chunk stored since the last one sent; whether there was any. */
        private boolean sendNewChunks() throws IOException {
            boolean any = false;
            List<BuildLogChunk> batch;
            do {
                batch = history.logFrom(buildId, next, BATCH);
                for (BuildLogChunk chunk : batch) {
                    emitter.send(SseEmitter.event().name("chunk").id(Long.toString(chunk.sequence()))
                            .data(Chunk.of(chunk), MediaType.APPLICATION_JSON));
                    next = chunk.sequence() + 1;
                    any = true;
                }
            } while (batch.size() == BATCH && !stopped);
            return any;
        }
    }
}
