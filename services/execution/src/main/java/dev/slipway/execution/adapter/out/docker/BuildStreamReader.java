package dev.slipway.execution.adapter.out.docker;

import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import dev.slipway.execution.application.port.out.BuildBackendException;
import dev.slipway.execution.application.port.out.ImageBuildResult;
import dev.slipway.execution.application.port.out.OutputListener;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the engine's build stream into output lines and a result. Pure: it sees items as
 * docker-java decoded them and never talks to the engine.
 *
 * <ul>
 *   <li>{@code stream} text is cut into lines at {@code \n}. The engine splits its own lines
 *       across items (a step's title and its line end come separately), so a line is only
 *       emitted once its end arrives, or when the stream ends.</li>
 *   <li>{@code status} items (pulls) become lines of their own; progress-bar updates do not.</li>
 *   <li>An {@code errorDetail} (or bare {@code error}) is the build's failure: the engine sends
 *       it instead of failing the HTTP response, so every item is checked. Its message becomes
 *       the last line of output and the result's message; its code, when the engine gives one,
 *       is the failed instruction's exit code.</li>
 *   <li>The image id is the last {@code aux.ID}: a multi-stage build reports one per stage, and
 *       the last stage built is the image. BuildKit reports one, under {@code moby.image.id}.</li>
 *   <li>BuildKit's progress comes as {@code moby.buildkit.trace} items, whose {@code aux} is a
 *       base64 protobuf; {@link BuildKitTrace} turns it into lines. Its errors wrap the Dockerfile's
 *       own message in the frontend's words, which are dropped, and give a failed instruction's exit
 *       code as {@code exit code: N}.</li>
 * </ul>
 */
final class BuildStreamReader {

    private static final Pattern SUCCESSFULLY_BUILT = Pattern.compile("^Successfully built ([0-9a-f]+)\\s*$");
    private static final Pattern NON_ZERO_CODE = Pattern.compile("(?:returned a non-zero code|exit code): (\\d+)");
    /** What BuildKit puts before the Dockerfile's own error: which part of it failed, not what. */
    private static final Pattern BUILDKIT_WRAPPING = Pattern.compile("^(?:failed to solve with frontend [^:]+: "
            + "|failed to solve: |failed to create LLB definition: |rpc error: code = \\w+ desc = )+");
    static final String TRACE_ID = "moby.buildkit.trace";

    private final OutputListener output;
    private final BuildKitTrace trace;
    private final StringBuilder partialLine = new StringBuilder();
    private boolean unreadableTrace;
    private String imageId;
    private String shortImageId;
    private String error;
    private Integer errorCode;

    BuildStreamReader(OutputListener output) {
        this.output = output;
        this.trace = new BuildKitTrace(output);
    }

    /** Takes the {@code aux} of a {@code moby.buildkit.trace} item: a base64 protobuf of BuildKit's progress. */
    void trace(String base64) {
        try {
            trace.accept(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            // Progress only: the build's result comes in items of its own. Said once, not once per item.
            if (!unreadableTrace) {
                unreadableTrace = true;
                endPartialLine();
                output.onLine("(some of the engine's build progress could not be read: " + e.getMessage() + ")");
            }
        }
    }

    /** Takes the next item of the stream. */
    void accept(BuildResponseItem item) {
        if (item.getStream() != null) {
            stream(item.getStream());
        }
        if (item.getStatus() != null && item.getProgressDetail() == null && item.getProgress() == null) {
            endPartialLine();
            output.onLine(item.getId() == null ? item.getStatus() : item.getId() + ": " + item.getStatus());
        }
        String auxId = auxId(item);
        if (auxId != null) {
            imageId = auxId;
        }
        if (item.isErrorIndicated() && error == null) {
            ResponseItem.ErrorDetail detail = item.getErrorDetail();
            error = detail != null && detail.getMessage() != null ? detail.getMessage() : item.getError();
            if (error == null || error.isBlank()) {
                error = "the engine reported an error without a message";
            }
            error = withoutBuildKitWrapping(error);
            errorCode = detail != null && detail.getCode() != null && detail.getCode() != 0
                    ? detail.getCode() : exitCodeIn(error);
            trace.finish();
            endPartialLine();
            output.onLine(error);
        }
    }

    /**
     * The build's result, once the stream has ended normally.
     *
     * @throws BuildBackendException when the stream held neither an image nor an error
     */
    ImageBuildResult finish() {
        trace.finish();
        endPartialLine();
        if (error != null) {
            return new ImageBuildResult.Failed(error, errorCode);
        }
        if (imageId != null) {
            return new ImageBuildResult.Built(imageId);
        }
        if (shortImageId != null) {
            return new ImageBuildResult.Built(shortImageId);
        }
        throw new BuildBackendException("the engine ended the build without an image id or an error");
    }

    /**
     * A build the engine refused before it started (HTTP 400: a Dockerfile it cannot parse, a
     * target stage that does not exist) is the Dockerfile's failure, not the backend's.
     *
     * @param responseBody the body of the engine's answer, usually {@code {"message":"..."}}
     */
    static ImageBuildResult.Failed refused(String responseBody) {
        return new ImageBuildResult.Failed(withoutBuildKitWrapping(engineMessage(responseBody)), null);
    }

    /** The Dockerfile's own error out of BuildKit's, such as {@code dockerfile parse error line 2: ...}. */
    static String withoutBuildKitWrapping(String message) {
        String unwrapped = BUILDKIT_WRAPPING.matcher(message).replaceFirst("");
        return unwrapped.isBlank() ? message : unwrapped;
    }

    /** The {@code message} of an engine's JSON error body, or the body itself. */
    static String engineMessage(String responseBody) {
        if (responseBody == null) {
            return "the engine refused the build without saying why";
        }
        Matcher message = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(responseBody);
        if (message.find()) {
            return message.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return responseBody.strip();
    }

    /**
     * The exit code in an engine message such as {@code ... returned a non-zero code: 3} (classic) or
     * {@code executor failed running [/bin/sh -c make]: exit code: 3} (BuildKit).
     */
    static Integer exitCodeIn(String message) {
        Matcher code = NON_ZERO_CODE.matcher(message);
        return code.find() ? Integer.valueOf(code.group(1)) : null;
    }

    private void stream(String text) {
        int start = 0;
        int newline;
        while ((newline = text.indexOf('\n', start)) >= 0) {
            partialLine.append(text, start, newline);
            emit(partialLine.toString());
            partialLine.setLength(0);
            start = newline + 1;
        }
        partialLine.append(text, start, text.length());
    }

    private void endPartialLine() {
        if (!partialLine.isEmpty()) {
            emit(partialLine.toString());
            partialLine.setLength(0);
        }
    }

    private void emit(String line) {
        String withoutReturn = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        Matcher built = SUCCESSFULLY_BUILT.matcher(withoutReturn);
        if (built.matches()) {
            shortImageId = built.group(1);
        }
        output.onLine(withoutReturn);
    }

    /**
     * The {@code aux.ID} of an item. docker-java's {@code AuxDetail} has no field for it (it knows
     * the aux of pushes), so its mapper keeps the whole {@code aux} object among the item's raw values.
     */
    private static String auxId(BuildResponseItem item) {
        Map<String, Object> raw = item.getRawValues();
        Object aux = raw == null ? null : raw.get("aux");
        if (aux instanceof Map<?, ?> auxValues && auxValues.get("ID") instanceof String id && !id.isBlank()) {
            return id;
        }
        return null;
    }
}
