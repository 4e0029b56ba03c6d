package dev.slipway.history.adapter.in.web;

import dev.slipway.history.adapter.in.web.BuildViews.Log;
import dev.slipway.history.application.port.in.QueryBuildHistory;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A build's log: whole, as JSON or plain text, or followed live as server-sent events. */
@RestController
class BuildLogsController {

    private static final MediaType TEXT_UTF8 = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    private final QueryBuildHistory history;
    private final LogFollower follower;

    BuildLogsController(QueryBuildHistory history, LogFollower follower) {
        this.history = history;
        this.follower = follower;
    }

    /**
     * The whole log. JSON unless the client prefers {@code text/plain}, in which case it gets the
     * lines alone, one per line, as a terminal would show them, written as they are read from the
     * store ({@link QueryBuildHistory#readLog}), so that a log of millions of lines is never held
     * whole in memory. One method chooses, because two methods split by {@code produces} would be
     * ambiguous for {@code Accept: *}{@code /*}.
     */
    @GetMapping(path = "/api/builds/{id}/logs", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<?> log(@PathVariable String id, @RequestParam(required = false) String follow,
                          @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                          HttpServletResponse response) throws IOException {
        if (follow != null && !follow.equalsIgnoreCase("false")) {
            throw new InvalidParameterException("follow", "'" + follow + "' is not a value that follow accepts",
                    "true to stream the log as server-sent events, or false (the default)");
        }
        UUID buildId = PathIds.build(id);
        if (prefersText(accept)) {
            writeText(buildId, response);
            return null;
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Log.of(buildId, history.log(buildId)));
    }

    /**
     * Writes the log's lines to {@code response} as they are read. An unknown build is found out
     * before anything is written, so that it still gets its 404 problem detail.
     */
    private void writeText(UUID buildId, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(TEXT_UTF8.toString());
        Writer text = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                64 * 1024);
        history.readLog(buildId, chunk -> {
            for (String line : chunk.lines()) {
                text.write(line);
                text.write('\n');
            }
        });
        text.flush();
    }

    /**
     * The log as it grows: first what is stored, then each new chunk (event {@code chunk}, id its
     * sequence, data its JSON), and finally event {@code end} once the build is final and its
     * last chunks are in. A reconnecting client's {@code Last-Event-ID} resumes after that chunk.
     */
    @GetMapping(path = "/api/builds/{id}/logs", params = "follow=true")
    SseEmitter follow(@PathVariable String id,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        UUID buildId = PathIds.build(id);
        history.requireKnown(buildId);
        return follower.follow(buildId, resumeFrom(lastEventId));
    }

    private static long resumeFrom(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(lastEventId.strip()) + 1);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("Last-Event-ID", "'" + lastEventId + "' is not a chunk sequence",
                    "the id of the last chunk event received, or no header to start from the beginning");
        }
    }

    /** Whether the client ranks plain text above JSON: its first choice by quality wins, and a wildcard means JSON. */
    static boolean prefersText(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        // Highest quality first; among equals, the client's own order (the sort is stable).
        List<MediaType> ranked = accepted.stream()
                .sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed())
                .toList();
        for (MediaType type : ranked) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (type.includes(MediaType.APPLICATION_JSON)) {
                return false;
            }
            if (type.includes(MediaType.TEXT_PLAIN)) {
                return true;
            }
        }
        return false;
    }
}
