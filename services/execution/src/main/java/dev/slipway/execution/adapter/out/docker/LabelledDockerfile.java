package dev.slipway.execution.adapter.out.docker;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A copy of a Dockerfile with the build's labels in one {@code LABEL} instruction at the end of the
 * stage that becomes the image. The engine's builder turns each label passed beside a build into
 * an instruction of its own, and commits a container for each (about a quarter of a second apiece
 * here); one instruction for all of them costs one commit. Being last, it changes no cache key of
 * the user's own instructions.
 *
 * <p>With a {@code target}, a stage named {@link #STAGE} that starts from the target stage and adds
 * the labels is put right after the target stage, and the build is aimed at it instead: the engine
 * then builds the same stages as for the target itself.
 *
 * <p>Pure. It declines (and the labels then travel beside the build, as before) whenever it cannot
 * be sure that the copy means what the original means: an {@code escape} parser directive, a last
 * line that continues, a value with characters that a Dockerfile would expand or quote
 * differently, a target it cannot find among the stages' names, {@code ONBUILD} anywhere when a
 * target is given (a stage started from the target would run its triggers), or a stage already
 * called {@link #STAGE}.
 */
final class LabelledDockerfile {

    /** The name of the stage appended for a build with a target. */
    static final String STAGE = "slipway-labelled";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9 ._:/@+,=-]*");
    private static final Pattern ESCAPE_DIRECTIVE = Pattern.compile("(?i)^#\\s*escape\\s*=.*");
    private static final Pattern STAGE_NAME = Pattern.compile("(?im)^[ \\t]*FROM[ \\t]+.*[ \\t]+AS[ \\t]+(\\S+)[ \\t]*\\r?$");
    private static final Pattern FROM = Pattern.compile("(?im)^[ \\t]*FROM[ \\t]");
    private static final Pattern ONBUILD = Pattern.compile("(?im)^\\s*ONBUILD\\s");

    private LabelledDockerfile() {
    }

    /** The Dockerfile to build and the target to aim at (null for the last stage). */
    record Labelled(String text, String target) {
    }

    /**
     * The Dockerfile with {@code labels} added, or empty when the labels must travel beside the build.
     *
     * @param text the Dockerfile as the repository has it
     * @param target the stage to build, or null for the last one
     */
    static Optional<Labelled> of(String text, String target, Map<String, String> labels) {
        if (labels.isEmpty() || !labels.entrySet().stream().allMatch(LabelledDockerfile::safe)
                || hasEscapeDirective(text) || lastLineContinues(text)) {
            return Optional.empty();
        }
        String instruction = "LABEL " + new TreeMap<>(labels).entrySet().stream()
                .map(label -> '"' + label.getKey() + "\"=\"" + label.getValue() + '"')
                .collect(Collectors.joining(" ")) + "\n";
        if (target == null) {
            return Optional.of(new Labelled(text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + instruction,
                    null));
        }
        OptionalInt targetStart = stageStart(text, target);
        if (targetStart.isEmpty() || stageStart(text, STAGE).isPresent() || ONBUILD.matcher(text).find()) {
            return Optional.empty();
        }
        // Right after the target stage: the engine's builder builds every stage before the one it aims at, so
        // a stage added at the end would build the stages after the target too.
        int end = text.length();
        int lineEnd = text.indexOf('\n', targetStart.getAsInt());
        Matcher next = FROM.matcher(text);
        if (lineEnd >= 0 && next.find(lineEnd + 1)) {
            end = next.start();
        }
        String before = text.substring(0, end);
        if (lastLineContinues(before)) {
            return Optional.empty();
        }
        String stage = "FROM " + target + " AS " + STAGE + "\n" + instruction;
        return Optional.of(new Labelled(before + (before.isEmpty() || before.endsWith("\n") ? "" : "\n") + stage
                + text.substring(end), STAGE));
    }

    private static boolean safe(Map.Entry<String, String> label) {
        return !label.getKey().isEmpty() && SAFE.matcher(label.getKey()).matches()
                && SAFE.matcher(label.getValue()).matches();
    }

    /** Parser directives come first, before any instruction, blank line or other comment. */
    private static boolean hasEscapeDirective(String text) {
        for (String line : text.split("\r?\n")) {
            if (!line.startsWith("#")) {
                return false;
            }
            if (ESCAPE_DIRECTIVE.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }

    private static boolean lastLineContinues(String text) {
        String[] lines = text.split("\r?\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            return line.endsWith("\\");
        }
        return false;
    }

    /** Where the {@code FROM} line of the stage called {@code name} (as the engine compares names) starts. */
    private static OptionalInt stageStart(String text, String name) {
        Matcher from = STAGE_NAME.matcher(text);
        while (from.find()) {
            if (from.group(1).equalsIgnoreCase(name)) {
                return OptionalInt.of(from.start());
            }
        }
        return OptionalInt.empty();
    }
}
