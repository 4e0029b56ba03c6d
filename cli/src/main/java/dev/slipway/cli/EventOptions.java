package dev.slipway.cli;

import dev.slipway.pipeline.match.Event;
import dev.slipway.pipeline.model.EventType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/** The event that {@code plan} and {@code explain} try, as options. */
final class EventOptions {

    static final String DEFAULT_COMMIT = "0000000000000000000000000000000000000000";

    @Option(names = "--event", paramLabel = "EVENT", defaultValue = "push", converter = EventTypeConverter.class,
            completionCandidates = EventLabels.class,
            description = "What happened: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    EventType type;

    @Option(names = "--branch", paramLabel = "BRANCH",
            description = "The branch pushed to, a pull request's source branch, or the branch of a manual build.")
    String branch = "";

    @Option(names = "--target-branch", paramLabel = "BRANCH",
            description = "A pull request's target branch (pull_request only).")
    String targetBranch = "";

    @Option(names = "--tag", paramLabel = "TAG", description = "The tag created (tag only).")
    String tag = "";

    @Option(names = "--commit", paramLabel = "SHA", defaultValue = DEFAULT_COMMIT,
            description = "The commit built. Default: ${DEFAULT-VALUE}.")
    String commit;

    @Option(names = "--message", paramLabel = "MESSAGE", defaultValue = "",
            description = "The head commit's message (push and pull_request only), checked against the skip rules.")
    String message;

    @Option(names = "--changed", paramLabel = "PATH", split = ",",
            description = "A path the push or pull request changed, for `when.paths`; repeat the option or "
                    + "separate paths with commas.")
    List<String> changedPaths = new ArrayList<>();

    /** The event, or a usage error saying which option is missing or does not apply. */
    Event event(CommandLine commandLine) {
        String label = type.label();
        if (type != EventType.TAG) {
            reject(!tag.isEmpty(), commandLine, "--tag applies to tag events only, and this is a " + label + " event");
        }
        if (type != EventType.PULL_REQUEST) {
            reject(!targetBranch.isEmpty(), commandLine, "--target-branch applies to pull_request events only, and this is a "
                    + label + " event");
        }
        switch (type) {
            case PUSH, MANUAL -> reject(branch.isEmpty(), commandLine, label + " events need --branch");
            case TAG -> {
                reject(tag.isEmpty(), commandLine, "tag events need --tag");
                reject(!branch.isEmpty(), commandLine, "tag events carry no branch; drop --branch");
            }
            case PULL_REQUEST -> reject(branch.isEmpty() || targetBranch.isEmpty(), commandLine,
                    "pull_request events need --branch (the source) and --target-branch");
        }
        // A tag or manual event carries no commit message, so skip rules never see one; accepting
        // --message here would suggest otherwise.
        reject((type == EventType.TAG || type == EventType.MANUAL) && !message.isEmpty(), commandLine,
                label + " events carry no commit message, so skip rules do not apply to them; drop --message");
        reject(!changedPaths.isEmpty() && type != EventType.PUSH && type != EventType.PULL_REQUEST, commandLine,
                "--changed applies to push and pull_request events only");
        List<String> messages = message.isEmpty() ? List.of() : List.of(message);
        return new Event(type, branch, targetBranch, tag, commit, message, messages, changedPaths, "", false);
    }

    /** A usage error (exit 2) with {@code message} when {@code wrong}; shared with {@link BuildContextOptions}. */
    static void reject(boolean wrong, CommandLine commandLine, String message) {
        if (wrong) {
            throw new ParameterException(commandLine, message);
        }
    }

    /** Event labels as pipeline files write them, so that {@code pull_request} is spelled one way. */
    static final class EventTypeConverter implements ITypeConverter<EventType> {
        @Override
        public EventType convert(String value) {
            return EventType.fromLabel(value).orElseThrow(() -> new TypeConversionException(
                    "`" + value + "` is not an event; use one of " + String.join(", ", EventType.labels())));
        }
    }

    /** For {@code ${COMPLETION-CANDIDATES}} in the help, and shell completion. */
    static final class EventLabels implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return EventType.labels().iterator();
        }
    }
}
