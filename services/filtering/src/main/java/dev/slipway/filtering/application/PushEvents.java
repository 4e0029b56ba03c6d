package dev.slipway.filtering.application;

import dev.slipway.model.scm.Commit;
import dev.slipway.model.scm.PushReceived;
import dev.slipway.pipeline.match.Event;
import dev.slipway.pipeline.model.EventType;
import java.util.List;
import java.util.Objects;

/** Turns a push into the pipeline library's {@link Event}. */
final class PushEvents {

    private PushEvents() {
    }

    /**
     * A branch push with its head commit's message, every commit's message, the changed paths and
     * the sender; a tag push as a tag event, which carries no message, so that a tag on a
     * {@code [skip ci]} commit follows {@code on.tag} rather than the message.
     */
    static Event of(PushReceived push) {
        if (push.tag() != null) {
            return Event.tag(push.tag(), push.after()).withSender(push.sender());
        }
        String head = push.headCommit() == null ? "" : Objects.requireNonNullElse(push.headCommit().message(), "");
        List<String> messages = push.commits().stream().map(Commit::message).filter(Objects::nonNull).toList();
        if (messages.isEmpty() && !head.isEmpty()) {
            messages = List.of(head);
        }
        return new Event(EventType.PUSH, push.branch(), "", "", push.after(), head, messages,
                push.changedPaths().all(), push.sender(), false);
    }
}
