package dev.slipway.ingestion.domain;

import dev.slipway.model.scm.ScmEvent;
import java.util.Objects;

/**
 * What a provider's parser made of a verified delivery: an SCM event to publish, an event that
 * Slipway deliberately leaves alone, or a body that is not what the provider sends. Parsers
 * translate rather than judge: what deserves a build is decided downstream, from the event.
 */
public sealed interface WebhookParseResult {

    /** The delivery describes {@code event}, which is stored with it and published. */
    record Recognised(ScmEvent event) implements WebhookParseResult {
        public Recognised {
            Objects.requireNonNull(event, "event");
        }
    }

    /** The delivery is well formed but needs nothing from Slipway; {@code reason} says why. */
    record Ignored(String reason) implements WebhookParseResult {
        public Ignored {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("an ignored delivery needs a reason");
            }
        }
    }

    /** The body lacks something the event must carry; {@code problem} names it. */
    record Malformed(String problem) implements WebhookParseResult {
        public Malformed {
            if (problem == null || problem.isBlank()) {
                throw new IllegalArgumentException("a malformed delivery needs a problem");
            }
        }
    }
}
