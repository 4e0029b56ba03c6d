package dev.slipway.bench;

import dev.slipway.pipeline.Pipelines;
import dev.slipway.pipeline.match.Event;
import dev.slipway.pipeline.plan.BuildPlan;
import dev.slipway.pipeline.plan.PlanContext;
import dev.slipway.pipeline.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What deciding and planning one webhook costs, for a realistic 40-step {@code .slipway.yml}.
 *
 * <p>{@link #readTreeOnly()} is the baseline: YAML into the node tree and nothing else, which any
 * design pays. {@link #parseLintMatchCompile()} is the whole path filtering takes for every event;
 * the difference between the two is what lint, match and compile add. {@link #parseAndLintOnly()}
 * ({@code Pipelines.load}: the tree, the model and the lint) and {@link #matchCompileOnly()} (an
 * already loaded pipeline planned) split that difference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PipelineBenchmark {

    static final String FILE = ".slipway.yml";
    static final int STEPS = 40;

    private String text;
    private Event event;
    private PlanContext context;
    private Pipelines.Loaded loaded;

    @Setup
    public void setUp() {
        text = resource("forty-steps.slipway.yml");
        // A push to main that touches code, SQL and docs, so that nearly every step matches and
        // the compiler has the most to do.
        event = Event.push("main", "abc1234def5678abc1234def5678abc1234def56", "Add the invoice export")
                .withChangedPaths(List.of("web/app.ts", "db/001_invoices.sql", "docs/index.md", "api/invoice.go"));
        context = new PlanContext("b-1042", 1042, Instant.parse("2026-01-31T12:00:00Z"), "acme", "app");
        loaded = Pipelines.load(FILE, text);
        checkTheFixtureIsWhatItClaims();
    }

    @Benchmark
    public Object readTreeOnly() {
        return SourceFile.read(FILE, text);
    }

    @Benchmark
    public Object parseLintMatchCompile() {
        return Pipelines.plan(Pipelines.load(FILE, text), event, context);
    }

    @Benchmark
    public Object parseAndLintOnly() {
        return Pipelines.load(FILE, text);
    }

    @Benchmark
    public Object matchCompileOnly() {
        return Pipelines.plan(loaded, event, context);
    }

    /**
     * A fixture with a lint error would measure the short error path, and one where nothing
     * matches would skip the compiler; either would make the figure meaningless.
     */
    private void checkTheFixtureIsWhatItClaims() {
        if (!loaded.problems().isEmpty()) {
            throw new IllegalStateException("the benchmark pipeline has problems: " + loaded.problems());
        }
        Pipelines.PlanResult result = Pipelines.plan(loaded, event, context);
        BuildPlan plan = result.plan().orElseThrow(() -> new IllegalStateException(
                "the benchmark event does not run the pipeline: " + result.decision().reason()));
        long leaves = result.decision().steps().stream().filter(s -> !s.kind().equals("parallel")
                && !s.kind().equals("serial")).count();
        if (leaves != STEPS) {
            throw new IllegalStateException("the benchmark pipeline has " + leaves + " steps, not " + STEPS);
        }
        if (plan.steps().size() < STEPS - 2) {
            throw new IllegalStateException("only " + plan.steps().size() + " steps are planned");
        }
    }

    private static String resource(String name) {
        try (InputStream in = PipelineBenchmark.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
