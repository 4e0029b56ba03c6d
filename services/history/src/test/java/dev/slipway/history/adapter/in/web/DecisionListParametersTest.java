package dev.slipway.history.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.history.application.port.in.DecisionQuery;
import dev.slipway.history.domain.PageCursor;
import dev.slipway.model.build.DecisionRecord.Verdict;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DecisionListParametersTest {

    @Test
    void noParametersMeanEveryDecisionInADefaultPage() {
        // Without parameters (or with empty ones, as forms send them) the list is unfiltered, 20 long, from the top.
        assertThat(new DecisionListParameters(null, null, null, null, null).toQuery()).isEqualTo(DecisionQuery.all());
        assertThat(new DecisionListParameters("", " ", "", "", "").toQuery()).isEqualTo(DecisionQuery.all());
    }

    @Test
    void readsEveryCriterion() {
        // Each given parameter becomes its typed criterion; the verdict is read whatever its case.
        PageCursor cursor = new PageCursor(Instant.parse("2026-04-01T00:00:00Z"), UUID.randomUUID());

        DecisionQuery query = new DecisionListParameters("acme/app", "Skip", "2026-04-01", "5", cursor.encode())
                .toQuery();

        assertThat(query.repository().value()).isEqualTo("acme/app");
        assertThat(query.verdict()).isEqualTo(Verdict.SKIP);
        assertThat(query.since()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(query.limit()).isEqualTo(5);
        assertThat(query.after()).isEqualTo(cursor);
    }

    @Test
    void anUnknownVerdictNamesTheThreeThatExist() {
        // "skipped" is how a person might say it; the API answers with the words it uses.
        assertThatThrownBy(() -> new DecisionListParameters(null, "skipped", null, null, null).toQuery())
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("verdict");
                    assertThat(e.allowed()).isEqualTo("one of run, skip, error");
                });
    }
}
