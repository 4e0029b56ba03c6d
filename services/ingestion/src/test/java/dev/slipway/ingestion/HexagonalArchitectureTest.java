package dev.slipway.ingestion;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import dev.slipway.testkit.arch.HexagonalArchitecture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dependency rule of the hexagon, for the ingestion service's production classes. */
class HexagonalArchitectureTest {

    private static final String ROOT = "dev.slipway.ingestion";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void followsTheSharedHexagonalRulesOtherThanTheDomainOne() {
        // Verifies the shared rules bar the domain's, which forbids Jackson and is replaced by the ingestion one below.
        List<ArchRule> all = HexagonalArchitecture.of(ROOT).rules();
        List<ArchRule> shared = all.stream().filter(rule -> !rule.getDescription().startsWith("the domain ")).toList();
        assertThat(shared).as("exactly the shared domain rule is left out").hasSize(all.size() - 1);
        CompositeArchRule.of(shared).check(CLASSES);
    }

    @Test
    void domainDependsOnNothingElseOfTheService() {
        // Verifies that the domain depends on no other part of the service and on no framework; Jackson's tree model
        // is allowed, since webhook bodies are JSON and the parsers are pure functions over it.
        noClasses().that().resideInAPackage(ROOT + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".application..", ROOT + ".adapter..",
                        "org.springframework..", "jakarta..", "org.apache.kafka..", "io.micrometer..", "java.sql..",
                        "dev.slipway.messaging..", "com.github.dockerjava..", "org.eclipse.jgit..")
                .check(CLASSES);
    }

    @Test
    void domainDoesNotUseTheServiceRoot() {
        // Verifies that the domain does not reach up to the service's root package (its Spring wiring).
        noClasses().that().resideInAPackage(ROOT + ".domain..")
                .should().dependOnClassesThat().resideInAPackage(ROOT)
                .check(CLASSES);
    }

    @Test
    void applicationDependsOnNoFramework() {
        // Verifies that use cases and ports know no framework, so that they run in a plain unit test.
        noClasses().that().resideInAPackage(ROOT + ".application..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..",
                        "org.apache.kafka..", "io.micrometer..", "java.sql..", "dev.slipway.messaging..")
                .check(CLASSES);
    }

    @Test
    void onlyPersistenceWritesTheOutbox() {
        // Verifies that only the persistence adapter writes the outbox: events leave in the delivery's own transaction.
        noClasses().that().resideOutsideOfPackage(ROOT + ".adapter.out.persistence..")
                .should().dependOnClassesThat().resideInAPackage("dev.slipway.messaging.outbox..")
                .check(CLASSES);
    }

    @Test
    void noDirectKafkaSends() {
        // Verifies that nobody sends to Kafka directly: events go through the outbox.
        noClasses()
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.kafka.core.KafkaTemplate")
                .check(CLASSES);
    }

    @Test
    void adapterClassesArePackagePrivate() {
        // Verifies that adapters are reached through Spring and the ports only, so none of their classes is public.
        classes().that().resideInAPackage(ROOT + ".adapter..")
                .and().areTopLevelClasses()
                .and().doNotHaveSimpleName("package-info")
                .should().notBePublic()
                .check(CLASSES);
    }
}
