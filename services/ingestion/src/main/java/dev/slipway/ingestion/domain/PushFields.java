package dev.slipway.ingestion.domain;

import dev.slipway.model.Fields;
import dev.slipway.model.scm.Commit;
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
}
