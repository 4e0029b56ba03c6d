package dev.slipway.testkit.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;

/**
 * The hexagon's dependency rule for one service under {@code root} (such as
 * {@code dev.slipway.history}), laid out as CONVENTIONS.md says:
 * <ul>
 *   <li>the domain depends on no other part of the service, and on no framework;</li>
 *   <li>the application (use cases and ports) knows no adapter;</li>
 *   <li>ports do not depend on the services that implement them;</li>
 *   <li>each adapter stands alone: the web layer reaches the database only through the application;</li>
 *   <li>adapters use the application only through its ports.</li>
 * </ul>
 */
public final class HexagonalArchitecture {

    private final String root;

    private HexagonalArchitecture(String root) {
        this.root = root;
    }

    /** The rules for the service whose packages start with {@code root}. */
    public static HexagonalArchitecture of(String root) {
        return new HexagonalArchitecture(root);
    }

    /** Every rule, for a test to check one by one or all at once. */
    public List<ArchRule> rules() {
        return List.of(
                noClasses().that().resideInAPackage(root + ".domain..")
                        .should().dependOnClassesThat().resideInAnyPackage(root + ".application..", root + ".adapter..",
                                "org.springframework..", "org.apache.kafka..", "tools.jackson..",
                                "com.github.dockerjava..", "org.eclipse.jgit..")
                        .as("the domain depends on no other part of the service and on no framework"),
                noClasses().that().resideInAPackage(root + ".application..")
                        .should().dependOnClassesThat().resideInAPackage(root + ".adapter..")
                        .as("use cases and ports know no adapter"),
                noClasses().that().resideInAPackage(root + ".application.port..")
                        .should().dependOnClassesThat().resideInAPackage(root + ".application")
                        .allowEmptyShould(true)
                        .as("ports do not depend on the services that implement them"),
                slices().matching(root + ".adapter.(*).(*)..")
                        .should().notDependOnEachOther()
                        .allowEmptyShould(true)
                        .as("each adapter stands alone"),
                noClasses().that().resideInAPackage(root + ".adapter..")
                        .should().dependOnClassesThat().resideInAPackage(root + ".application")
                        .allowEmptyShould(true)
                        .as("adapters use the application only through its ports"));
    }

    /**
     * Checks every rule against the service's production classes.
     *
     * @throws AssertionError listing each violation of each rule
     */
    public void check() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
        if (classes.isEmpty()) {
            throw new AssertionError("no production classes found under " + root);
        }
        StringBuilder failures = new StringBuilder();
        for (ArchRule rule : rules()) {
            EvaluationResult result = rule.evaluate(classes);
            if (result.hasViolation()) {
                failures.append(result.getFailureReport()).append('\n');
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.toString());
        }
    }
}
