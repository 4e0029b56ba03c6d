package dev.slipway.testkit.webhook;

import dev.slipway.testkit.git.GitCommit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a push delivery's {@code commits} (the last one is also its {@code head_commit}).
 *
 * @param id the commit SHA-1
 * @param treeId the tree SHA-1
 * @param message the full commit message, where skip markers such as {@code [skip ci]} live
 * @param authorName the author's name
 * @param authorEmail the author's e-mail address
 * @param authorUsername the author's GitHub login, or {@code null} when the address matches no account
 * @param timestamp when it was authored
 * @param added paths added
 * @param removed paths removed
 * @param modified paths modified
 */
public record PushCommit(String id, String treeId, String message, String authorName, String authorEmail,
        String authorUsername, OffsetDateTime timestamp, List<String> added, List<String> removed,
        List<String> modified) {

    public PushCommit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(treeId, "treeId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(authorName, "authorName");
        Objects.requireNonNull(authorEmail, "authorEmail");
        Objects.requireNonNull(timestamp, "timestamp");
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        modified = List.copyOf(modified);
    }

    /**
     * A commit with {@code id} and {@code message}, by {@code Slipway Test <test@slipway.dev>}
     * (login {@code slipway-test}), authored now, that modified {@code README.md}. Its tree id is
     * derived from {@code id}, so it is stable but names no real tree.
     */
    public static PushCommit of(String id, String message) {
        return new PushCommit(id, sha1Of("tree:" + id), message, "Slipway Test", "test@slipway.dev", "slipway-test",
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS), List.of(), List.of(),
                List.of("README.md"));
    }

    /** The same commit as a {@link dev.slipway.testkit.git.LocalGitRepository} recorded it; no GitHub login. */
    public static PushCommit from(GitCommit commit) {
        return new PushCommit(commit.id(), commit.treeId(), commit.message(), commit.authorName(), commit.authorEmail(),
                null, commit.timestamp(), commit.added(), commit.removed(), commit.modified());
    }

    /** This commit with another message. */
    public PushCommit withMessage(String newMessage) {
        return new PushCommit(id, treeId, newMessage, authorName, authorEmail, authorUsername, timestamp, added,
                removed, modified);
    }

    /** This commit by another author, with GitHub login {@code username} ({@code null} for none). */
    public PushCommit withAuthor(String name, String email, String username) {
        return new PushCommit(id, treeId, message, name, email, username, timestamp, added, removed, modified);
    }

    static String sha1Of(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-1", e);
        }
    }
}
