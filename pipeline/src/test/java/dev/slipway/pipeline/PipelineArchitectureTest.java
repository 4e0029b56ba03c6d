package dev.slipway.pipeline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The library stays pure, and its stages depend only on earlier ones. */
class PipelineArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.slipway.pipeline");
    }

    @Test
    void theLibraryImportsNothingOfSpringKafkaJpaDockerOrJacksonDatabind() {
        // Filtering, execution and the CLI run this code unchanged, so it must not drag in a framework.
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                "jakarta.persistence..", "com.github.dockerjava..", "tools.jackson..", "com.fasterxml.jackson.databind..")
                .check(classes);
    }

    @Test
    void theModelKnowsNothingOfReadingMatchingOrPlanning() {
        // The model is the shared language of every format; it must not depend on any one stage.
        noClasses().that().resideInAPackage("..pipeline.model..").should().dependOnClassesThat()
                .resideInAnyPackage("..pipeline.format..", "..pipeline.match..", "..pipeline.plan..", "..pipeline.lint.rules..")
                .check(classes);
    }

    @Test
    void matchingDoesNotDependOnPlanningOrFormats() {
        // Filtering decides on every webhook; the decision must not need the compiler or a file reader.
        noClasses().that().resideInAPackage("..pipeline.match..").should().dependOnClassesThat()
                .resideInAnyPackage("..pipeline.format..", "..pipeline.plan..").check(classes);
    }

    @Test
    void onlyTheFacadeKnowsTheFileFormats() {
        // Later formats (Codeship Pro) plug in beside the native one without anything else changing.
        noClasses().that().resideOutsideOfPackages("..pipeline.format..").and().resideOutsideOfPackage("dev.slipway.pipeline")
                .should().dependOnClassesThat().resideInAPackage("..pipeline.format..").check(classes);
    }
}
