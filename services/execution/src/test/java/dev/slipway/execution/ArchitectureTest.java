package dev.slipway.execution;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The hexagonal dependency rule of the execution service, checked on its compiled classes. */
class ArchitectureTest {

    private static final String ROOT = "dev.slipway.execution";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(ROOT);

    @Test
    void domainDependsOnNothingElseOfTheServiceNorOnFrameworks() {
        // Verifies that the domain is pure: no application, adapter, Spring, Kafka, JDBC or Docker class.
        noClasses().that().resideInAPackage(ROOT + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".application..", ROOT + ".adapter..",
                        "org.springframework..", "org.apache.kafka..", "java.sql..", "com.github.dockerjava..",
                        "org.eclipse.jgit..")
                .check(CLASSES);
    }

    @Test
    void applicationDoesNotDependOnAdaptersOrInfrastructure() {
        // Verifies that use cases reach the outside only through their ports, and know no Spring.
        noClasses().that().resideInAPackage(ROOT + ".application..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".adapter..", "org.springframework..",
                        "org.apache.kafka..", "java.sql..", "com.github.dockerjava..", "org.eclipse.jgit..",
                        "dev.slipway.messaging..")
                .check(CLASSES);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        // Verifies that each adapter stands alone: in.web does not use out.persistence, docker does not use git, etc.
        slices().matching(ROOT + ".adapter.(*).(*)..").should().notDependOnEachOther().check(CLASSES);
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
