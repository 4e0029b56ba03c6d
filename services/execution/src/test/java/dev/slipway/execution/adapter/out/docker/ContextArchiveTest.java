package dev.slipway.execution.adapter.out.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.execution.application.port.out.BuildContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    @Test
    void writesPlainHeadersWithTheModificationTimeToTheSecond() throws Exception {
        // Verifies what BuildKit needs to see an upload as a context: the first 512 bytes are the first file's own
        // ustar header, with no extended (PAX) header for sub-second, access, change or creation times before it.
        Path file = Files.writeString(root.resolve("Dockerfile"), "FROM busybox\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-30T04:45:12.345678Z")));
        Files.createSymbolicLink(root.resolve("link"), Path.of("Dockerfile"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContextArchive.write(root, out);
        byte[] archive = out.toByteArray();

        String firstName = new String(archive, 0, 100, StandardCharsets.US_ASCII).replace("\0", "");
        assertThat(firstName).isIn("Dockerfile", "link");
        assertThat(new String(archive, 257, 5, StandardCharsets.US_ASCII)).isEqualTo("ustar");
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                assertThat(entry.getExtraPaxHeaders()).as(entry.getName()).isEmpty();
                assertThat(entry.getLastAccessTime()).as(entry.getName()).isNull();
                if (entry.getName().equals("Dockerfile")) {
                    assertThat(entry.getLastModifiedTime().toInstant()).isEqualTo(Instant.parse("2026-11-30T04:45:12Z"));
                }
            }
        }
    }

    @Test
    void leavesOutWhatTheDockerignoreNamesAndCarriesTheLabelsInACopyOfTheDockerfile() throws Exception {
        // Verifies a prepared build context: ignored files and directories out (an exception back in), the
        // Dockerfile copy with the labels, and a .dockerignore that names the copy and itself for the engine to drop.
        Files.writeString(root.resolve("Dockerfile"), "FROM busybox\nCOPY . /src\n");
        Files.writeString(root.resolve("app.txt"), "app\n");
        Files.writeString(root.resolve("debug.log"), "noise\n");
        Files.createDirectories(root.resolve("node_modules/pkg"));
        Files.writeString(root.resolve("node_modules/pkg/index.js"), "x\n");
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/keep.md"), "kept\n");
        Files.writeString(root.resolve("docs/drop.md"), "dropped\n");
        Files.writeString(root.resolve(".dockerignore"), "*.log\nnode_modules\ndocs\n!docs/keep.md");

        Map<String, String> contents;
        try (ContextArchive.Prepared prepared = ContextArchive.prepare(BuildContext.directory(root), "Dockerfile", null,
                Map.of("dev.slipway.step", "build app"), ImageBuilder.CLASSIC)) {
            assertThat(prepared.dockerfile()).isEqualTo(ContextArchive.LABELLED_DOCKERFILE);
            assertThat(prepared.target()).isNull();
            assertThat(prepared.labels()).isEmpty();
            contents = read(prepared.stream().readAllBytes());
        }

        assertThat(contents.keySet()).containsExactlyInAnyOrder("Dockerfile", "app.txt", "docs/keep.md",
                ".dockerignore", ContextArchive.LABELLED_DOCKERFILE);
        assertThat(contents).containsEntry(ContextArchive.LABELLED_DOCKERFILE,
                "FROM busybox\nCOPY . /src\nLABEL \"dev.slipway.step\"=\"build app\"\n");
        assertThat(contents).containsEntry(".dockerignore",
                "*.log\nnode_modules\ndocs\n!docs/keep.md\n" + ContextArchive.LABELLED_DOCKERFILE + "\n");
    }

    @Test
    void sendsTheOriginalDockerfileAndTheLabelsBesideItWhenTheCopyIsNotSafe() throws Exception {
        // Verifies the fallback: an escape directive keeps the repository's Dockerfile (sent even though ignored),
        // and the labels go with the request; without a .dockerignore of its own, none is added.
        Files.createDirectories(root.resolve("build"));
        Files.writeString(root.resolve("build/Dockerfile"), "# escape=`\nFROM busybox\n");
        Files.writeString(root.resolve("build/other.txt"), "ignored\n");
        Files.writeString(root.resolve(".dockerignore"), "build\n");

        Map<String, String> contents;
        try (ContextArchive.Prepared prepared = ContextArchive.prepare(BuildContext.directory(root),
                "build/Dockerfile", "stage", Map.of("dev.slipway.step", "build app"), ImageBuilder.CLASSIC)) {
            assertThat(prepared.dockerfile()).isEqualTo("build/Dockerfile");
            assertThat(prepared.target()).isEqualTo("stage");
            assertThat(prepared.labels()).containsExactly(Map.entry("dev.slipway.step", "build app"));
            contents = read(prepared.stream().readAllBytes());
        }

        assertThat(contents.keySet()).containsExactlyInAnyOrder("build/Dockerfile", ".dockerignore");
        assertThat(contents).containsEntry(".dockerignore", "build\n");
    }

    @Test
    void addsADockerignoreThatDropsItselfWhenTheRepositoryHasNone() throws Exception {
        // Verifies that a repository without a .dockerignore gets none in its image: the added one names itself.
        Files.writeString(root.resolve("Dockerfile"), "FROM busybox\n");

        Map<String, String> contents;
        try (ContextArchive.Prepared prepared = ContextArchive.prepare(BuildContext.directory(root), "Dockerfile", null,
                Map.of("dev.slipway.build", "b"), ImageBuilder.CLASSIC)) {
            contents = read(prepared.stream().readAllBytes());
        }

        assertThat(contents).containsEntry(".dockerignore", ".dockerignore\n" + ContextArchive.LABELLED_DOCKERFILE + "\n");
    }

    @Test
    void forBuildKitSendsWhatTheDockerignoreKeepsWithTheDockerfileAndTheLabelsBesideIt() throws Exception {
        // Verifies a context for BuildKit, which never reads the .dockerignore of an uploaded context: what it
        // names stays out, itself included; the Dockerfile goes though named; no copy; the labels go beside.
        Files.writeString(root.resolve("Dockerfile"), "FROM busybox\nCOPY . /src\n");
        Files.writeString(root.resolve("app.txt"), "app\n");
        Files.writeString(root.resolve("debug.log"), "noise\n");
        Files.writeString(root.resolve(".dockerignore"), "*.log\n.dockerignore\nDockerfile\n");

        Map<String, String> contents;
        try (ContextArchive.Prepared prepared = ContextArchive.prepare(BuildContext.directory(root), "Dockerfile",
                "runtime", Map.of("dev.slipway.step", "build app"), ImageBuilder.BUILDKIT)) {
            assertThat(prepared.dockerfile()).isEqualTo("Dockerfile");
            assertThat(prepared.target()).isEqualTo("runtime");
            assertThat(prepared.labels()).containsExactly(Map.entry("dev.slipway.step", "build app"));
            contents = read(prepared.stream().readAllBytes());
        }

        assertThat(contents.keySet()).containsExactlyInAnyOrder("Dockerfile", "app.txt");
        assertThat(contents).containsEntry("Dockerfile", "FROM busybox\nCOPY . /src\n");
    }

    @Test
    void forBuildKitSendsADockerignoreThatDoesNotNameItself() throws Exception {
        // Verifies that a .dockerignore is an ordinary file of the context for BuildKit: sent as it is when kept.
        Files.writeString(root.resolve("Dockerfile"), "FROM busybox\n");
        Files.writeString(root.resolve(".dockerignore"), "*.log\n");

        Map<String, String> contents;
        try (ContextArchive.Prepared prepared = ContextArchive.prepare(BuildContext.directory(root), "Dockerfile", null,
                Map.of(), ImageBuilder.BUILDKIT)) {
            contents = read(prepared.stream().readAllBytes());
        }

        assertThat(contents).containsOnlyKeys("Dockerfile", ".dockerignore").containsEntry(".dockerignore", "*.log\n");
    }

    @Test
    void forBuildKitLeadsWithTheContextsOwnDirectorySoThatALongFirstNameNeedsNoExtendedHeaderFirst() throws Exception {
        // Verifies the first 512 bytes BuildKit reads to tell a context from a Dockerfile: with a directory of a
        // 120-character name as the context's only top-level entry, its PAX header would come first; the
        // context's own directory, as "./", a plain ustar header, comes before it.
        String longName = "a".repeat(120);
        Files.createDirectories(root.resolve(longName));
        Files.writeString(root.resolve(longName + "/Dockerfile"), "FROM busybox\n");

        byte[] archive;
        try (ContextArchive.Prepared prepared = ContextArchive.prepare(BuildContext.directory(root),
                longName + "/Dockerfile", null, Map.of(), ImageBuilder.BUILDKIT)) {
            archive = prepared.stream().readAllBytes();
        }

        assertThat(new String(archive, 0, 100, StandardCharsets.US_ASCII).replace("\0", ""))
                .isEqualTo(ContextArchive.ROOT_ENTRY);
        assertThat((char) archive[156]).as("type flag: a directory").isEqualTo('5');
        assertThat(new String(archive, 257, 5, StandardCharsets.US_ASCII)).isEqualTo("ustar");
        assertThat(read(archive)).containsOnlyKeys(longName + "/Dockerfile");
    }

    @Test
    void forTheClassicBuilderAndForWorkspacesWritesNoEntryForTheRoot() throws Exception {
        // Verifies that only a context for BuildKit carries the "./" entry: the classic builder and a workspace
        // copied into a container get the directory's content alone, as before.
        Files.writeString(root.resolve("Dockerfile"), "FROM busybox\n");

        ByteArrayOutputStream workspace = new ByteArrayOutputStream();
        ContextArchive.write(root, workspace);
        byte[] classic;
        try (ContextArchive.Prepared prepared = ContextArchive.prepare(BuildContext.directory(root), "Dockerfile", null,
                Map.of(), ImageBuilder.CLASSIC)) {
            classic = prepared.stream().readAllBytes();
        }

        assertThat(names(workspace.toByteArray())).containsExactly("Dockerfile");
        assertThat(names(classic)).doesNotContain(ContextArchive.ROOT_ENTRY).contains("Dockerfile");
    }

    private static List<String> names(byte[] archive) throws Exception {
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    private static Map<String, String> read(byte[] archive) throws Exception {
        Map<String, String> contents = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile()) {
                    contents.put(entry.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return contents;
    }
}
