package dev.slipway.ingestion.domain;

import dev.slipway.model.Fields;
import dev.slipway.model.scm.Commit;
import dev.slipway.model.scm.PushReceived;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The parts of a push body that the git hosts share: refs, SHAs and commit objects of the shape
 * {@code {id, message, author: {name}}}. Each provider's parser uses these, so that a push means
 * the same whichever host reported it.
 */
final class PushFields {

    static final String BRANCH_PREFIX = "refs/heads/";
    static final String TAG_PREFIX = "refs/tags/";

    private PushFields() {
    }

    /** Whether {@code ref} is a branch or a tag; other refs (notes, pull heads) are not built. */
    static boolean isBranchOrTag(String ref) {
        return ref.startsWith(BRANCH_PREFIX) || ref.startsWith(TAG_PREFIX);
    }

    /**
     * Whether {@code sha} is git's null object id, which hosts send as the new SHA of a deleted ref.
     * Any length is accepted, since repositories in SHA-256 format have 64-digit ids.
     */
    static boolean isNullSha(String sha) {
        return sha != null && !sha.isEmpty() && sha.chars().allMatch(c -> c == '0');
    }

    /** The commits in the array {@code list}, in the order sent; empty when there is none. */
    static List<Commit> commits(JsonNode list, String where) {
        List<Commit> commits = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Commit commit = commit(list.get(i), where + "[" + i + "]");
            if (commit == null) {
                // A null in the list is no commit, unlike a null head commit, which a deletion sends.
                throw new Fields.MissingFieldException(where + "[" + i + "]");
            }
            commits.add(commit);
        }
        return commits;
    }

    /**
     * The commit in {@code node}, or {@code null} when the host sent none (as for a deletion).
     *
     * @throws Fields.MissingFieldException naming {@code where} when the node is not a commit
     */
    static Commit commit(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new Fields.MissingFieldException(where);
        }
        String id = text(node, "id");
        if (id == null) {
            throw new Fields.MissingFieldException(where + ".id");
        }
        return new Commit(id, text(node, "message"), text(node.path("author"), "name"));
    }

    /** The commit among {@code commits} whose id is {@code sha}, or {@code null}: the head of a push that names none. */
    static Commit withId(List<Commit> commits, String sha) {
        return commits.stream().filter(commit -> commit.id().equals(sha)).findFirst().orElse(null);
    }

    /** The string at {@code field}, or {@code null} when it is absent, null, blank or not a string. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isString()) {
            return null;
        }
        String text = value.stringValue();
        return text.isBlank() ? null : text;
    }

    /** The first of {@code candidates} that is not {@code null}, or {@code null}. */
    static String firstOf(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }

    /** What one git host's push body says in its own way; the rest every host shares. */
    interface Dialect {

        /** Whether the push deleted its ref, beyond a {@code deleted: true} flag. */
        boolean deletes(JsonNode body, String after);

        /** The commit at the tip, from the body or from the listed commits; may be null. */
        Commit head(JsonNode body, List<Commit> commits, String after);

        /** Who pushed. */
        String sender(JsonNode body);
    }

    /**
     * Reads a push the way all three hosts need: a ref and an {@code after} SHA are required; a
     * deleted ref, or a ref that is neither a branch nor a tag, is ignored with the reason; the
     * rest becomes a {@link PushReceived} of {@code provider}.
     */
    static WebhookParseResult push(String provider, String deliveryId, JsonNode body, RegisteredRepository repository,
                                   Dialect dialect) {
        String ref = text(body, "ref");
        if (ref == null) {
            return new WebhookParseResult.Malformed("a push delivery needs 'ref' (such as refs/heads/main)");
        }
        if (body.path("deleted").asBoolean(false)) {
            return new WebhookParseResult.Ignored("ref deleted");
        }
        String after = text(body, "after");
        if (after == null) {
            return new WebhookParseResult.Malformed("a push delivery needs 'after', the SHA the ref now points to");
        }
        if (dialect.deletes(body, after)) {
            return new WebhookParseResult.Ignored("ref deleted");
        }
        if (!isBranchOrTag(ref)) {
            return new WebhookParseResult.Ignored("ref " + ref + " is neither a branch nor a tag");
        }
        try {
            List<Commit> commits = commits(body.path("commits"), "commits");
            Commit head = dialect.head(body, commits, after);
            return new WebhookParseResult.Recognised(new PushReceived(deliveryId, provider, repository.id(),
                    repository.name(), repository.cloneUrl(), ref, text(body, "before"), after, head, commits,
                    dialect.sender(body)));
        } catch (Fields.MissingFieldException e) {
            return new WebhookParseResult.Malformed("the push delivery lacks " + e.field());
        }
    }
}
