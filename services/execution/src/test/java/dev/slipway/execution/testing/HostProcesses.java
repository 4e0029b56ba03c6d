package dev.slipway.execution.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes of this machine whose command line holds a mark, read from {@code /proc}. BuildKit
 * runs a Dockerfile's {@code RUN} as a process of the engine's, not as a container, so this is how
 * a test sees whether an instruction still runs (the tests' engine is always this machine's).
 */
public final class HostProcesses {

    private HostProcesses() {
    }

    /** Each process whose command line contains {@code mark}, as its pid and command line. */
    public static List<String> withCommandContaining(String mark) {
        List<String> processes = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : proc) {
                try {
                    String command = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (command.contains(mark)) {
                        processes.add(process.getFileName() + " " + command.replace('\0', ' ').strip());
                    }
                } catch (IOException ended) {
                    // The process ended while the list was read.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list this machine's processes", e);
        }
        return processes;
    }
}
