package dev.slipway.history.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.model.build.DecisionRecord.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DecisionTest {

    private static Decision decision(Verdict verdict, UUID buildId, Long buildNumber) {
        return new Decision(Decision.idOf("github:acme/app", "d-1"), "github:acme/app", "acme/app", "d-1", "push",
                new GitRef("refs/heads/main"), "c0ffee", verdict, "steps", "skipped: no step matches", List.of(),
                List.of(), buildId, buildNumber, Instant.parse("2026-04-01T12:00:00Z"));
    }

    @Test
    void theIdOfADecisionFollowsFromItsRepositoryAndDelivery() {
        // The same delivery of the same repository always names the same decision; any other pair names another.
        UUID id = Decision.idOf("github:acme/app", "d-1");

        assertThat(Decision.idOf("github:acme/app", "d-1")).isEqualTo(id);
        assertThat(Decision.idOf("gitea:acme/app", "d-1")).isNotEqualTo(id);
        assertThat(Decision.idOf("github:acme/app", "d-2")).isNotEqualTo(id);
        assertThat(Decision.idOf("github:acme/app\nd", "1")).isNotEqualTo(Decision.idOf("github:acme/app", "d\n1"));
    }

    @Test
    void hasABuildExactlyWhenItRan() {
        // A run names its build; a skip or an error has none.
        UUID build = UUID.randomUUID();

        assertThat(decision(Verdict.RUN, build, 3L).buildId()).isEqualTo(build);
        assertThat(decision(Verdict.SKIP, null, null).buildId()).isNull();
        assertThatThrownBy(() -> decision(Verdict.RUN, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> decision(Verdict.ERROR, build, 3L)).isInstanceOf(IllegalArgumentException.class);
    }
}
