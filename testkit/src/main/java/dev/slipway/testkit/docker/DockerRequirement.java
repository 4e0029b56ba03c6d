package dev.slipway.testkit.docker;

/**
 * What to do with a test that needs Docker, given whether the engine answered and whether the
 * environment demands one. A pure function, so the rule can be tested without an engine:
 *
 * <ul>
 *   <li>the engine answers: run;
 *   <li>it does not, and {@value #VARIABLE} is {@code 1} or {@code true}: fail, saying that the
 *       engine is required and why it did not answer;
 *   <li>it does not otherwise: skip, saying why and how to make the skip a failure.
 * </ul>
 *
 * @param verdict what happens to the test
 * @param message why, in words fit for a test report
 */
public record DockerRequirement(Verdict verdict, String message) {

    /** The environment variable that turns a missing engine from a skip into a failure. */
    public static final String VARIABLE = "SLIPWAY_REQUIRE_DOCKER";

    /** The three ways a test that needs Docker can go. */
    public enum Verdict { RUN, SKIP, FAIL }

    /**
     * Decides for an engine in state {@code engine}, with {@code requireDocker} the value of
     * {@value #VARIABLE} ({@code null} when unset).
     */
    public static DockerRequirement decide(EngineStatus engine, String requireDocker) {
        if (engine.answers()) {
            return new DockerRequirement(Verdict.RUN, "Docker engine answers: " + engine.description());
        }
        if (demands(requireDocker)) {
            return new DockerRequirement(Verdict.FAIL, "A Docker engine is required (" + VARIABLE + "="
                    + requireDocker + ") but none answers: " + engine.description()
                    + ". Start the engine or point DOCKER_HOST at one.");
        }
        return new DockerRequirement(Verdict.SKIP, "Skipped: no Docker engine answers (" + engine.description()
                + "). Set " + VARIABLE + "=1 to make this a failure, as CI does.");
    }

    private static boolean demands(String requireDocker) {
        return requireDocker != null
                && (requireDocker.strip().equals("1") || requireDocker.strip().equalsIgnoreCase("true"));
    }
}
