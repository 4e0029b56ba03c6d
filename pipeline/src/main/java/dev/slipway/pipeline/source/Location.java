package dev.slipway.pipeline.source;

import java.util.Objects;

/**
 * A place in a pipeline file.
 *
 * @param file   the file's name as the user knows it, such as {@code .slipway.yml}
 * @param line   the line, from 1
 * @param column the column, from 1
 */
public record Location(String file, int line, int column) {

    public Location {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("lines and columns count from 1, got " + line + ":" + column);
        }
    }

    /** The start of {@code file}, for problems about the file as a whole. */
    public static Location startOf(String file) {
        return new Location(file, 1, 1);
    }

    /** {@code file:line:col}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
