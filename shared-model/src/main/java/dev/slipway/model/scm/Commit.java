package dev.slipway.model.scm;

import dev.slipway.model.Fields;

/**
 * One commit as a webhook described it.
 *
 * @param id      the full SHA
 * @param message the whole commit message
 * @param author  the author's name, or {@code null} when the host gave none
 */
public record Commit(String id, String message, String author) {

    public Commit {
        Fields.text(id, "commit.id");
        message = message == null ? "" : message;
    }
}
