package dev.slipway.history.adapter.in.web;

import dev.slipway.history.application.port.in.BuildNotFoundException;
import dev.slipway.history.application.port.in.DecisionNotFoundException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The history API's errors as RFC 9457 problem details, each with its own type. */
@RestControllerAdvice
class HistoryProblems {

    static final URI BUILD_NOT_FOUND = URI.create("https://slipway.dev/problems/build-not-found");
    static final URI DECISION_NOT_FOUND = URI.create("https://slipway.dev/problems/decision-not-found");
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

    @ExceptionHandler(DecisionNotFoundException.class)
    ProblemDetail decisionNotFound(DecisionNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No decision with id " + e.decisionId() + " is known to the history. A decision appears once "
                        + "filtering has published it; GET /api/decisions lists the known decisions.");
        problem.setType(DECISION_NOT_FOUND);
        problem.setTitle("Decision not found");
        problem.setProperty("decisionId", e.decisionId().toString());
        return problem;
    }

    @ExceptionHandler(InvalidIdException.class)
    ProblemDetail invalidId(InvalidIdException e) {
        ProblemDetail problem = invalid(e, "The path segment 'id'");
        problem.setType(URI.create("https://slipway.dev/problems/invalid-" + e.kind() + "-id"));
        problem.setTitle("Invalid " + e.kind() + " id");
        return problem;
    }

    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail invalidParameter(InvalidParameterException e) {
        ProblemDetail problem = invalid(e, "The parameter '" + e.parameter() + "'");
        problem.setType(INVALID_PARAMETER);
        problem.setTitle("Invalid parameter");
        return problem;
    }

    private static ProblemDetail invalid(InvalidParameterException e, String subject) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                subject + " is invalid: " + e.getMessage() + ". Allowed: " + e.allowed() + ".");
        problem.setProperty("parameter", e.parameter());
        problem.setProperty("allowed", e.allowed());
        return problem;
    }
}
