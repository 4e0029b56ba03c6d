package dev.slipway.history.adapter.in.web;

import dev.slipway.history.application.port.in.BuildNotFoundException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The history API's errors as RFC 9457 problem details, each with its own type. */
@RestControllerAdvice
class HistoryProblems {

    static final URI BUILD_NOT_FOUND = URI.create("https://slipway.dev/problems/build-not-found");
    static final URI INVALID_BUILD_ID = URI.create("https://slipway.dev/problems/invalid-build-id");
    static final URI INVALID_PARAMETER = URI.create("https://slipway.dev/problems/invalid-query-parameter");

    @ExceptionHandler(BuildNotFoundException.class)
    ProblemDetail buildNotFound(BuildNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No build with id " + e.buildId() + " is known to the history. A build appears once filtering "
                        + "has requested it or an executor has reported on it; GET /api/builds lists the known builds.");
        problem.setType(BUILD_NOT_FOUND);
        problem.setTitle("Build not found");
        problem.setProperty("buildId", e.buildId().toString());
        return problem;
    }

    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail invalidParameter(InvalidParameterException e) {
        boolean id = e.parameter().equals("id");
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                (id ? "The path segment 'id'" : "The parameter '" + e.parameter() + "'") + " is invalid: "
                        + e.getMessage() + ". Allowed: " + e.allowed() + ".");
        problem.setType(id ? INVALID_BUILD_ID : INVALID_PARAMETER);
        problem.setTitle(id ? "Invalid build id" : "Invalid parameter");
        problem.setProperty("parameter", e.parameter());
        problem.setProperty("allowed", e.allowed());
        return problem;
    }
}
