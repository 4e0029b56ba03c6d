package dev.slipway.history.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.history.application.port.in.BuildQuery;
import dev.slipway.history.domain.PageCursor;
import dev.slipway.model.build.BuildStatus;
import java.time.Instant;
import java.util.UUID;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class BuildListParametersTest {

    private static BuildListParameters none() {
        return new BuildListParameters(null, null, null, null, null, null, null);
    }

    @Test
    void noParametersMeanEveryBuildInADefaultPage() {
        // Without parameters the list is unfiltered, 20 long, from the top.
        assertThat(none().toQuery()).isEqualTo(BuildQuery.all());
        assertThat(BuildQuery.all().limit()).isEqualTo(20);
    }

    @Test
    void readsEveryCriterion() {
        // Each given parameter becomes its typed criterion.
        PageCursor cursor = new PageCursor(Instant.parse("2026-03-01T00:00:00Z"), UUID.randomUUID());

        BuildQuery query = new BuildListParameters("github:acme/app", "main", "FAILED", "push",
                "2026-03-01T10:00:00Z", "50", cursor.encode()).toQuery();

        assertThat(query.repository().isId()).isTrue();
        assertThat(query.repository().value()).isEqualTo("github:acme/app");
        assertThat(query.branch()).isEqualTo("main");
        assertThat(query.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(query.event()).isEqualTo("push");
        assertThat(query.since()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(query.limit()).isEqualTo(50);
        assertThat(query.after()).isEqualTo(cursor);
    }

    @Test
    void acceptsARepositoryNameWithoutItsProvider() {
        // acme/app matches the repository on any git host.
        BuildQuery query = new BuildListParameters("acme/app", null, null, null, null, null, null).toQuery();

        assertThat(query.repository().isId()).isFalse();
        assertThat(query.repository().value()).isEqualTo("acme/app");
    }

    @Test
    void readsADateAsMidnightUtc() {
        // since=2026-03-01 is a friendlier spelling of the day's start.
        BuildQuery query = new BuildListParameters(null, null, null, null, "2026-03-01", null, null).toQuery();

        assertThat(query.since()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    }

    @Test
    void treatsEmptyParametersAsAbsent() {
        // HTML forms send empty fields; they filter nothing.
        assertThat(new BuildListParameters("", " ", "", "", "", "", "").toQuery()).isEqualTo(BuildQuery.all());
    }

    @Test
    void rejectsAnUnknownStatusNamingTheAllowedOnes() {
        // A typo in the status is answered with the list of statuses.
        assertInvalid(new BuildListParameters(null, null, "done", null, null, null, null), "status")
                .hasMessageContaining("'done'");
        assertThat(BuildListParameters.STATUSES)
                .isEqualTo("queued, running, succeeded, failed, errored, cancelled, skipped");
    }

    @Test
    void rejectsALimitOutsideOneToOneHundred() {
        // Zero, 101 and words are all refused with the allowed range.
        for (String limit : new String[] {"0", "101", "-3", "ten"}) {
            assertInvalid(new BuildListParameters(null, null, null, null, null, limit, null), "limit")
                    .satisfies(e -> assertThat(((InvalidParameterException) e).allowed()).contains("1 to 100"));
        }
    }

    @Test
    void acceptsTheLimitBounds() {
        // 1 and 100 are both allowed.
        assertThat(new BuildListParameters(null, null, null, null, null, "1", null).toQuery().limit()).isEqualTo(1);
        assertThat(new BuildListParameters(null, null, null, null, null, "100", null).toQuery().limit()).isEqualTo(100);
    }

    @Test
    void rejectsACursorThisApiDidNotWrite() {
        // A hand-made cursor is refused, with a pointer to nextCursor.
        assertInvalid(new BuildListParameters(null, null, null, null, null, null, "abc"), "cursor")
                .satisfies(e -> assertThat(((InvalidParameterException) e).allowed()).contains("nextCursor"));
    }

    @Test
    void rejectsAMalformedRepository() {
        // A repository is owner/name, with or without its provider.
        assertInvalid(new BuildListParameters("acme", null, null, null, null, null, null), "repo");
        assertInvalid(new BuildListParameters("github:", null, null, null, null, null, null), "repo");
    }

    @Test
    void rejectsAMalformedSinceAndEvent() {
        // since must be a point in time and event a lower-case kind.
        assertInvalid(new BuildListParameters(null, null, null, null, "yesterday", null, null), "since");
        assertInvalid(new BuildListParameters(null, null, null, "Push!", null, null, null), "event");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(BuildListParameters parameters,
                                                                                  String parameter) {
        return assertThatThrownBy(parameters::toQuery)
                .isInstanceOf(InvalidParameterException.class)
                .satisfies(e -> assertThat(((InvalidParameterException) e).parameter()).isEqualTo(parameter));
    }
}
