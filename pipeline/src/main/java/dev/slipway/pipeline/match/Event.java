package dev.slipway.pipeline.match;

import dev.slipway.pipeline.model.EventType;
import java.util.List;
import java.util.Objects;

/**
 * What happened on the git host, reduced to what matching needs.
 *
 * @param type              push, tag, pull_request or manual
 * @param branch            the branch pushed to, a pull request's source branch, or the branch of
 *                          a manual build; empty for tag events
 * @param targetBranch      a pull request's target branch; empty otherwise
 * @param tag               the tag of a tag event; empty otherwise
 * @param commit            the commit SHA built
 * @param headCommitMessage the head commit's message; empty for tag and manual events
 * @param commitMessages    the messages of every commit of a push, head included (for
 *                          {@code skip.scope: all-commits}); may be empty
 * @param changedPaths      paths changed by a push or pull request, for {@code when.paths}
 * @param sender            who caused it, as the git host names them
 * @param ownRelease        whether the tag was created by a Slipway release step (known to
 *                          filtering's loop guard); false for other events
 */
public record Event(EventType type, String branch, String targetBranch, String tag, String commit,
                    String headCommitMessage, List<String> commitMessages, List<String> changedPaths, String sender,
                    boolean ownRelease) {

    public Event {
        Objects.requireNonNull(type, "type");
        branch = Objects.requireNonNullElse(branch, "");
        targetBranch = Objects.requireNonNullElse(targetBranch, "");
        tag = Objects.requireNonNullElse(tag, "");
        commit = Objects.requireNonNullElse(commit, "");
        headCommitMessage = Objects.requireNonNullElse(headCommitMessage, "");
        commitMessages = List.copyOf(commitMessages);
        changedPaths = List.copyOf(changedPaths);
        sender = Objects.requireNonNullElse(sender, "");
        switch (type) {
            case PUSH, MANUAL -> require(!branch.isEmpty(), type.label() + " events need a branch");
            case TAG -> require(!tag.isEmpty(), "tag events need a tag");
            case PULL_REQUEST -> require(!branch.isEmpty() && !targetBranch.isEmpty(),
                    "pull_request events need a source and a target branch");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public static Event push(String branch, String commit, String message) {
        return new Event(EventType.PUSH, branch, "", "", commit, message, List.of(message), List.of(), "", false);
    }

    public static Event tag(String tag, String commit) {
        return new Event(EventType.TAG, "", "", tag, commit, "", List.of(), List.of(), "", false);
    }

    public static Event pullRequest(String branch, String targetBranch, String commit, String message) {
        return new Event(EventType.PULL_REQUEST, branch, targetBranch, "", commit, message, List.of(message), List.of(), "",
                false);
    }

    public static Event manual(String branch, String commit) {
        return new Event(EventType.MANUAL, branch, "", "", commit, "", List.of(), List.of(), "", false);
    }

    public Event withChangedPaths(List<String> paths) {
        return new Event(type, branch, targetBranch, tag, commit, headCommitMessage, commitMessages, paths, sender, ownRelease);
    }

    public Event withCommitMessages(List<String> messages) {
        return new Event(type, branch, targetBranch, tag, commit, headCommitMessage, messages, changedPaths, sender, ownRelease);
    }

    public Event withSender(String who) {
        return new Event(type, branch, targetBranch, tag, commit, headCommitMessage, commitMessages, changedPaths, who, ownRelease);
    }

    /** The same tag event, known to be created by Slipway's own release step. */
    public Event asOwnRelease() {
        return new Event(type, branch, targetBranch, tag, commit, headCommitMessage, commitMessages, changedPaths, sender, true);
    }

    /** The event in words: "push to branch `main`", "tag `v1.2.0`". */
    public String describe() {
        return switch (type) {
            case PUSH -> "push to branch `" + branch + "`";
            case TAG -> "tag `" + tag + "`";
            case PULL_REQUEST -> "pull request from `" + branch + "` into `" + targetBranch + "`";
            case MANUAL -> "manual build of branch `" + branch + "`";
        };
    }
}
