package dev.slipway.ingestion.domain;

import dev.slipway.model.scm.ChangedPaths;
import dev.slipway.model.scm.Commit;
import dev.slipway.model.scm.PushReceived;
import dev.slipway.model.scm.Refs;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The parts of a push body that the git hosts share: refs, SHAs, the {@code created} and
 * {@code deleted} flags, and commit objects of the shape {@code {id, message, author: {name},
 * added, modified, removed}}. Each provider's parser uses these, so that a push means the same
 * whichever host reported it.
 */
final class PushFields {

    private static final String EVENT = "push";

    private PushFields() {
    }

    /** The commits in the array {@code list}, in the order sent; empty when there is none. */
    static List<Commit> commits(JsonNode list, String where) {
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw BodyFields.Problem.invalid(where, "a list");
        }
        List<Commit> commits = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Commit commit = commit(list.get(i), where + "[" + i + "]");
            if (commit == null) {
                // A null in the list is no commit, unlike a null head commit, which a deletion sends.
                throw BodyFields.Problem.missing(where + "[" + i + "]");
            }
            commits.add(commit);
        }
        return commits;
    }

    /**
     * The commit in {@code node}, or {@code null} when the host sent none (as for a deletion).
     *
     * @throws BodyFields.Problem naming {@code where} when the node is not a commit
     */
    static Commit commit(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw BodyFields.Problem.missing(where);
        }
        return new Commit(BodyFields.requiredText(node, "id", where + ".id"), BodyFields.text(node, "message"),
                BodyFields.text(node.path("author"), "name"));
    }

    /**
     * The paths that the commits in the array {@code list} added, modified and removed, each the
     * union over the commits in the order first seen. Commits have been read by {@link #commits}.
     */
    static ChangedPaths changedPaths(JsonNode list, String where) {
        List<String> added = new ArrayList<>();
        List<String> modified = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode commit = list.get(i);
            String at = where + "[" + i + "]";
            added.addAll(BodyFields.texts(commit, "added", at + ".added"));
            modified.addAll(BodyFields.texts(commit, "modified", at + ".modified"));
            removed.addAll(BodyFields.texts(commit, "removed", at + ".removed"));
        }
        return new ChangedPaths(added, modified, removed);
    }

    /** The commit among {@code commits} whose id is {@code sha}, or {@code null}: the head of a push that names none. */
    static Commit withId(List<Commit> commits, String sha) {
        return commits.stream().filter(commit -> commit.id().equals(sha)).findFirst().orElse(null);
    }

    /** What one git host's push body says in its own way; the rest every host shares. */
    interface Dialect {

        /**
         * Whether the body marks the push as a deletion in the host's own way, beyond a
         * {@code deleted: true} flag and the null {@code after} SHA, which every host's push is read for.
         */
        boolean deletes(JsonNode body);

        /** The commit at the tip, from the body or from the listed commits; may be null. */
        Commit head(JsonNode body, List<Commit> commits, String after);

        /** Who pushed. */
        String sender(JsonNode body);
    }

    /**
     * Reads a push the way all three hosts need: a ref and an {@code after} SHA are required; a ref
     * that is neither a branch nor a tag is ignored with the reason; the rest, deletions included,
     * becomes a {@link PushReceived} of {@code provider}. Where the body has no {@code created} or
     * {@code deleted} flag, the event derives it from the SHAs.
     */
    static WebhookParseResult push(String provider, String deliveryId, JsonNode body, RegisteredRepository repository,
                                   Dialect dialect) {
        String ref = BodyFields.text(body, "ref");
        if (ref == null) {
            return new WebhookParseResult.Malformed("a push delivery needs 'ref' (such as refs/heads/main)");
        }
        String after = BodyFields.text(body, "after");
        if (after == null) {
            return new WebhookParseResult.Malformed("a push delivery needs 'after', the SHA the ref now points to");
        }
        if (!Refs.isBranchOrTag(ref)) {
            return new WebhookParseResult.Ignored("ref " + ref + " is neither a branch nor a tag");
        }
        try {
            Boolean created = BodyFields.flag(body, "created", "created");
            Boolean deleted = dialect.deletes(body) ? Boolean.TRUE : BodyFields.flag(body, "deleted", "deleted");
            List<Commit> commits = commits(body.path("commits"), "commits");
            ChangedPaths paths = changedPaths(body.path("commits"), "commits");
            Commit head = dialect.head(body, commits, after);
            return new WebhookParseResult.Recognised(new PushReceived(deliveryId, provider, repository.id(),
                    repository.name(), repository.cloneUrl(), ref, BodyFields.text(body, "before"), after, head,
                    commits, dialect.sender(body), created, deleted, paths, BodyFields.flag(body, "forced", "forced")));
        } catch (BodyFields.Problem problem) {
            return problem.of(EVENT);
        }
    }
}
