package dev.slipway.execution.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.execution.testing.TestPlans;
import dev.slipway.pipeline.plan.BuildPlan;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Reading a stored plan back, through Jackson as a BuildRequested's plan arrives. */
class PlanDecodingTest {

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void readsBackThePlanThatFilteringWrote() {
        // Verifies the round trip through JSON text and Jackson's maps: numbers, nulls, nested lanes and secrets.
        BuildPlan plan = TestPlans.compile("""
                version: 1
                timeout: 1h30m
                images:
                  app: { target: release, build_args: { TOKEN: { secret: npm-token } } }
                services:
                  db: { image: postgres:17, healthcheck: { test: pg_isready, interval: 1s, timeout: 3s, retries: 3 } }
                steps:
                  - name: checks
                    parallel:
                      - { name: lint, image: app@builder, run: make lint, timeout: 5m }
                      - { name: unit, image: app, run: make unit }
                  - { name: push, push: { image: app, to: 127.0.0.1:5000/app, tags: [latest] } }
                  - { name: release, release: { tag: "v1.{{ .BuildNumber }}" } }
                """, UUID.randomUUID(), COMMIT);

        assertThat(PlanDecoding.decode(TestPlans.json(plan))).isEqualTo(new PlanDecoding.Read(plan));
        assertThat(PlanDecoding.decode(TestPlans.tree(plan).toString())).isEqualTo(new PlanDecoding.Read(plan));
    }

    @Test
    void saysWhatIsWrongWithAPlanItCannotRead() {
        // Verifies the reasons: not JSON, JSON null, and a field missing, by its path.
        assertThat(PlanDecoding.decode("{not json")).isInstanceOf(PlanDecoding.Unreadable.class)
                .extracting(d -> ((PlanDecoding.Unreadable) d).reason()).asString()
                .startsWith("it is not a JSON object: ");
        assertThat(PlanDecoding.decode("null")).isEqualTo(new PlanDecoding.Unreadable("it is null"));
        assertThat(PlanDecoding.decode("{\"build_id\": \"b-1\"}"))
                .isEqualTo(new PlanDecoding.Unreadable("plan.build_number: missing"));
        assertThat(PlanDecoding.decode("[1, 2]")).isInstanceOf(PlanDecoding.Unreadable.class);
    }
}
