package dev.slipway.execution;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.slipway.testkit.arch.HexagonalArchitecture;
import org.junit.jupiter.api.Test;

/** The hexagonal dependency rule of the execution service, checked on its compiled classes. */
class ArchitectureTest {

    private static final String ROOT = "dev.slipway.execution";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(ROOT);

    @Test
    void followsTheHexagonalDependencyRule() {
        // Verifies the shared rule: a pure domain, use cases and ports that know no adapter, adapters that stand alone.
        HexagonalArchitecture.of(ROOT).check();
    }

    @Test
    void domainAndApplicationUseNoInfrastructure() {
        // Verifies that domain and use cases know no Spring, Kafka, JDBC, Docker, JGit or messaging: ports hide them.
        noClasses().that().resideInAnyPackage(ROOT + ".domain..", ROOT + ".application..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "java.sql..", "com.github.dockerjava..", "org.eclipse.jgit..", "dev.slipway.messaging..")
                .check(CLASSES);
    }

    @Test
    void inboundAdaptersUseOnlyInputPortsOfTheApplication() {
        // Verifies that inbound adapters call use cases through port.in, never services or output ports.
        noClasses().that().resideInAPackage(ROOT + ".adapter.in..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".application", ROOT + ".application.port.out..")
                .check(CLASSES);
    }

    @Test
    void nothingDependsOnTheWiringInTheRootPackage() {
        // Verifies that the root package only wires the layers: no layer reaches back into it.
        noClasses().that().resideOutsideOfPackage(ROOT)
                .should().dependOnClassesThat().resideInAPackage(ROOT)
                .check(CLASSES);
    }

    @Test
    void adaptersArePackagePrivate() {
        // Verifies that adapters are reached through their ports only, by keeping their classes package-private.
        classes().that().resideInAPackage(ROOT + ".adapter..")
                .and().areNotAnnotatedWith(Deprecated.class)
                .should().notBePublic()
                .check(CLASSES);
    }
}
