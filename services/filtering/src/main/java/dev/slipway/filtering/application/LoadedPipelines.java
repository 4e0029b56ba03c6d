package dev.slipway.filtering.application;

import dev.slipway.filtering.application.port.out.DecisionMetrics;
import dev.slipway.filtering.application.port.out.PipelineSource;
import dev.slipway.filtering.domain.InheritedPipeline;
import dev.slipway.model.scm.PushReceived;
import dev.slipway.pipeline.Pipelines;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pipelines loaded per (repository, commit). A commit never changes, so what it holds is kept
 * (up to a bound, least recently used first out); a commit that could not be read is not, so
 * that the next event tries again. A push that cannot have changed its pipeline inherits the
 * one loaded at its {@code before} commit (see {@link InheritedPipeline}).
 */
final class LoadedPipelines {

    /** A commit's pipeline as loaded, or nothing when it has no pipeline file. */
    sealed interface AtCommit {
    }

    record Found(Pipelines.Loaded loaded) implements AtCommit {
    }

    record Missing() implements AtCommit {
    }

    record Unreadable(String reason) implements AtCommit {
    }

    private record Key(String repositoryId, String commitSha) {
    }

    private final PipelineSource source;
    private final DecisionMetrics metrics;
    private final Map<Key, AtCommit> cache;

    LoadedPipelines(PipelineSource source, DecisionMetrics metrics, int capacity) {
        this.source = source;
        this.metrics = metrics;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, AtCommit> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The pipeline at a push's {@code after} commit: the one already loaded at its {@code before}
     * when {@link InheritedPipeline} says it cannot differ, without reading the repository;
     * otherwise read as {@link #at} reads it.
     */
    AtCommit atPush(PushReceived push) {
        Optional<AtCommit> inherited = InheritedPipeline.source(push).flatMap(before -> {
            synchronized (cache) {
                return Optional.ofNullable(cache.get(new Key(push.repositoryId(), before)));
            }
        });
        if (inherited.isEmpty()) {
            return at(push.repositoryId(), push.cloneUrl(), push.after());
        }
        metrics.pipelineCache(true);
        synchronized (cache) {
            cache.put(new Key(push.repositoryId(), push.after()), inherited.get());
        }
        return inherited.get();
    }

    AtCommit at(String repositoryId, String cloneUrl, String commitSha) {
        Key key = new Key(repositoryId, commitSha);
        Optional<AtCommit> cached;
        synchronized (cache) {
            cached = Optional.ofNullable(cache.get(key));
        }
        metrics.pipelineCache(cached.isPresent());
        if (cached.isPresent()) {
            return cached.get();
        }
        AtCommit loaded = switch (source.read(repositoryId, cloneUrl, commitSha)) {
            case PipelineSource.Files files -> new Found(Pipelines.load(files.files()));
            case PipelineSource.NoPipelineFile _ -> new Missing();
            case PipelineSource.Unreadable unreadable -> new Unreadable(unreadable.reason());
        };
        if (!(loaded instanceof Unreadable)) {
            synchronized (cache) {
                cache.put(key, loaded);
            }
        }
        return loaded;
    }
}
