package dev.slipway.execution.adapter.out.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextArchiveTest {

    @TempDir
    Path root;

    @Test
    void sendsTheWorkTreeWithoutGitHistoryKeepingModesAndLinks() throws Exception {
        // Verifies the tar stream of a context: files and directories in, .git out, exec bits and symlinks kept.
        Files.writeString(root.resolve("Dockerfile"), "FROM busybox\n");
        Files.createDirectories(root.resolve("bin"));
        Path script = Files.writeString(root.resolve("bin/run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(root.resolve("run"), Path.of("bin/run.sh"));
        Files.createDirectories(root.resolve(".git/objects"));
        Files.writeString(root.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.createDirectories(root.resolve("docs/.git"));
        Files.writeString(root.resolve("docs/.git/keep"), "a nested .git is the user's content\n");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContextArchive.write(root, out);

        Map<String, TarArchiveEntry> entries = new HashMap<>();
        Map<String, String> contents = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries.put(entry.getName(), entry);
                if (entry.isFile()) {
                    contents.put(entry.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(entries.keySet()).containsExactlyInAnyOrder("Dockerfile", "bin/", "bin/run.sh", "run", "docs/",
                "docs/.git/", "docs/.git/keep");
        assertThat(contents).containsEntry("Dockerfile", "FROM busybox\n");
        assertThat(entries.get("bin/run.sh").getMode() & 0777).isEqualTo(0755);
        assertThat(entries.get("run").isSymbolicLink()).isTrue();
        assertThat(entries.get("run").getLinkName()).isEqualTo("bin/run.sh");
    }
}
