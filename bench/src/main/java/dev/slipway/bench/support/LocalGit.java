package dev.slipway.bench.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The git CLI in one working tree, as a benchmark's author: commits made here are what pushes name. */
public final class LocalGit {

    private final Path directory;

    public LocalGit(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    public Path directory() {
        return directory;
    }

    /** The URL the repositories file declares for this working tree. */
    public String cloneUrl() {
        return directory.toUri().toString().replaceFirst("/$", "");
    }

    /** Runs {@code git args} here and returns its output, trimmed; an error with the output when git fails. */
    public String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString(), "-c", "commit.gpgsign=false",
                "-c", "user.name=Bench", "-c", "user.email=bench@slipway.dev"));
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    public String head() throws IOException, InterruptedException {
        return run("rev-parse", "HEAD");
    }
}
