package dev.slipway.execution.application.port.out;

import java.nio.file.Path;

/** A checked-out copy of a repository, owned by one build. Closing it deletes it. */
public interface Workspace extends AutoCloseable {

    /** The root of the working tree. */
    Path directory();

    /** The commit that is checked out, in full. */
    String commitSha();

    /** Deletes the workspace; never throws, since a leftover temp directory must not fail a build. */
    @Override
    void close();
}
