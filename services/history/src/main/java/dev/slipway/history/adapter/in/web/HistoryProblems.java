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
        return notFound(BUILD_NOT_FOUND, "Build not found", "buildId", e.buildId().toString(),
                "No build with id " + e.buildId() + " is known to the history. A build appears once filtering "
                        + "has requested it or an executor has reported on it; GET /api/builds lists the known builds.");
    }

    @ExceptionHandler(DecisionNotFoundException.class)
    ProblemDetail decisionNotFound(DecisionNotFoundException e) {
        return notFound(DECISION_NOT_FOUND, "Decision not found", "decisionId", e.decisionId().toString(),
                "No decision with id " + e.decisionId() + " is known to the history. A decision appears once "
                        + "filtering has published it; GET /api/decisions lists the known decisions.");
    }

    /** A 404 for a resource the history does not know, naming the id that was asked for. */
    private static ProblemDetail notFound(URI type, String title, String idProperty, String id, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setType(type);
        problem.setTitle(title);
        problem.setProperty(idProperty, id);
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
