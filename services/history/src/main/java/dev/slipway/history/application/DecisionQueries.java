package dev.slipway.history.application;

import dev.slipway.history.application.port.in.DecisionNotFoundException;
import dev.slipway.history.application.port.in.DecisionQuery;
import dev.slipway.history.application.port.in.QueryDecisions;
import dev.slipway.history.application.port.out.DecisionReader;
import dev.slipway.history.domain.Decision;
import dev.slipway.history.domain.Page;
import dev.slipway.history.domain.PageCursor;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Answers decision queries from the reader, and pages lists by cursor. */
@Service
class DecisionQueries implements QueryDecisions {

    private final DecisionReader reader;

    DecisionQueries(DecisionReader reader) {
        this.reader = reader;
    }

    @Override
    public Page<Decision> decisions(DecisionQuery query) {
        return Page.of(reader.decisions(query, query.limit() + 1), query.limit(),
                decision -> new PageCursor(decision.decidedAt(), decision.id()));
    }

    @Override
    public Decision decision(UUID id) {
        return reader.decision(id).orElseThrow(() -> new DecisionNotFoundException(id));
    }
}
