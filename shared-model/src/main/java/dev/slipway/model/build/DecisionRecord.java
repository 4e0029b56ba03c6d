package dev.slipway.model.build;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.slipway.model.Fields;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What filtering decided about one SCM event, and why: the wire form of the pipeline library's
 * {@code Decision}, so that history can show every reason without knowing the library.
 *
 * @param verdict whether the event builds ({@code run}), is skipped, or could not be decided ({@code error})
 * @param rule    the rule that decided, such as {@code skip.messages}, {@code on.tag}, {@code steps},
 *                {@code lint} or {@code pipeline-file}
 * @param reason  one sentence for people, starting with "runs:", "skipped:" or "errored:"
 * @param steps   every step of the pipeline, depth first, with whether it matched and why not;
 *                empty when the decision was made before looking at steps
 */
public record DecisionRecord(Verdict verdict, String rule, String reason, List<StepDecision> steps) {

    public DecisionRecord {
        Fields.required(verdict, "verdict");
        Fields.text(rule, "rule");
        Fields.text(reason, "reason");
        steps = Fields.listOrEmpty(steps);
    }

    /**
     * The decision a {@code build.requested} written before decisions travelled with it stands
     * for: it ran, and no more is known.
     */
    public static DecisionRecord unrecorded() {
        return new DecisionRecord(Verdict.RUN, "unrecorded",
                "runs: requested before decisions were recorded with builds", List.of());
    }

    /** The three outcomes of a decision. */
    public enum Verdict {
        RUN, SKIP, ERROR;

        /** {@code run}, {@code skip} or {@code error}, as on the wire and in the API. */
        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Verdict fromWireName(String wireName) {
            return Arrays.stream(values())
                    .filter(v -> v.wireName().equalsIgnoreCase(wireName))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown verdict '" + wireName
                            + "'; expected run, skip or error"));
        }
    }

    /**
     * Whether one step matched the event.
     *
     * @param name    the step's name
     * @param matched whether it will run
     * @param reason  why not, such as "requires branch `main`"; empty when it matched
     */
    public record StepDecision(String name, boolean matched, String reason) {
        public StepDecision {
            Fields.text(name, "name");
            reason = reason == null ? "" : reason;
        }
    }
}
