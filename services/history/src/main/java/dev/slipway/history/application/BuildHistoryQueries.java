package dev.slipway.history.application;

import dev.slipway.history.application.port.in.BuildNotFoundException;
import dev.slipway.history.application.port.in.BuildQuery;
import dev.slipway.history.application.port.in.QueryBuildHistory;
import dev.slipway.history.application.port.out.BuildHistoryReader;
import dev.slipway.history.application.port.out.DecisionReader;
import dev.slipway.history.domain.Build;
import dev.slipway.history.domain.BuildDetails;
import dev.slipway.history.domain.BuildImage;
import dev.slipway.history.domain.BuildLogChunk;
import dev.slipway.history.domain.Page;
import dev.slipway.history.domain.PageCursor;
import dev.slipway.model.build.BuildStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Answers build queries from the readers, and pages lists by cursor. */
@Service
class BuildHistoryQueries implements QueryBuildHistory {

    /** How many chunks one read of a whole log fetches at a time: up to 64,000 lines. */
    static final int LOG_PAGE = 32;

    private final BuildHistoryReader reader;
    private final DecisionReader decisions;

    BuildHistoryQueries(BuildHistoryReader reader, DecisionReader decisions) {
        this.reader = reader;
        this.decisions = decisions;
    }

    @Override
    public Page<Build> builds(BuildQuery query) {
        return Page.of(reader.builds(query, query.limit() + 1), query.limit(),
                build -> new PageCursor(build.createdAt(), build.id()));
    }

    @Override
    public BuildDetails build(UUID id) {
        Build build = reader.build(id).orElseThrow(() -> new BuildNotFoundException(id));
        return new BuildDetails(build, decisions.decisionOfBuild(id), reader.steps(id),
                BuildImage.of(reader.images(id), reader.pushes(id)));
    }

    @Override
    public List<BuildLogChunk> log(UUID id) {
        List<BuildLogChunk> all = new ArrayList<>();
        try {
            readLog(id, all::add);
        } catch (IOException e) {
            throw new UncheckedIOException("adding to a list threw", e); // List.add throws no IOException
        }
        return all;
    }

    @Override
    public void readLog(UUID id, ChunkReader chunks) throws IOException {
        List<BuildLogChunk> page = reader.logChunks(id, 0, LOG_PAGE);
        if (page.isEmpty()) {
            requireKnown(id);
        }
        while (true) {
            for (BuildLogChunk chunk : page) {
                chunks.chunk(chunk);
            }
            if (page.size() < LOG_PAGE) {
                return;
            }
            page = reader.logChunks(id, page.getLast().sequence() + 1, LOG_PAGE);
        }
    }

    @Override
    public List<BuildLogChunk> logFrom(UUID id, long fromSequence, int max) {
        return reader.logChunks(id, fromSequence, max);
    }

    @Override
    public Optional<BuildStatus> status(UUID id) {
        return reader.build(id).map(Build::status);
    }

    @Override
    public void requireKnown(UUID id) {
        if (reader.build(id).isEmpty() && !reader.hasLogChunks(id)) {
            throw new BuildNotFoundException(id);
        }
    }
}
