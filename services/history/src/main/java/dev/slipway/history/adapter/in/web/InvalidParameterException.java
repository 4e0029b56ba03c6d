package dev.slipway.history.adapter.in.web;

/**
 * A request parameter (or path segment) that the API cannot use. Answered with a 400 problem
 * detail that names the parameter, what was wrong and what is allowed.
 */
class InvalidParameterException extends RuntimeException {

    private final String parameter;
    private final String allowed;

    InvalidParameterException(String parameter, String problem, String allowed) {
        super(problem);
        this.parameter = parameter;
        this.allowed = allowed;
    }

    String parameter() {
        return parameter;
    }

    /** What the parameter may be, in words. */
    String allowed() {
        return allowed;
    }
}
