package dev.slipway.cli;

import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.plan.PlanJson;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;

/** Lint problems as compilers print them, so that editors and terminals link to the place. */
final class ProblemText {

    private ProblemText() {
    }

    /**
     * Problems in the order a person reads the files: by file as given, then line and column. The
     * library lists them by the stage that found them, which jumps around a file.
     */
    static List<Problem> inFileOrder(List<Problem> problems, List<String> fileOrder) {
        Comparator<Problem> byFile = Comparator.comparingInt(p -> {
            int index = fileOrder.indexOf(p.location().file());
            return index < 0 ? Integer.MAX_VALUE : index;
        });
        return problems.stream()
                .sorted(byFile.thenComparingInt((Problem p) -> p.location().line())
                        .thenComparingInt(p -> p.location().column()))
                .toList();
    }

    /** {@code file:line:col: severity code: message}, and the hint indented on the next line. */
    static void print(Problem problem, PrintWriter out) {
        out.println(problem.location() + ": " + problem.severity().label() + " " + problem.code() + ": "
                + problem.message());
        if (!problem.hint().isEmpty()) {
            out.println("    hint: " + problem.hint());
        }
    }

    /** "2 errors and 1 warning", "1 warning", "no problems". */
    static String count(List<Problem> problems) {
        long errors = problems.stream().filter(Problem::isError).count();
        long warnings = problems.size() - errors;
        if (errors == 0 && warnings == 0) {
            return "no problems";
        }
        String errorText = errors == 1 ? "1 error" : errors + " errors";
        String warningText = warnings == 1 ? "1 warning" : warnings + " warnings";
        return errors == 0 ? warningText : warnings == 0 ? errorText : errorText + " and " + warningText;
    }

    /** The JSON array that {@code --format json} prints, each problem in the library's JSON form. */
    static String json(List<Problem> problems) {
        return PlanJson.write(problems.stream().map(PlanJson::problem).toList());
    }
}
