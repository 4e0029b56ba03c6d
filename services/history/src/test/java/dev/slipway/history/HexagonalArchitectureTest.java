package dev.slipway.history;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency rule of the hexagon, for the history service's production classes. */
@AnalyzeClasses(packages = "dev.slipway.history", importOptions = ImportOption.DoNotIncludeTests.class)
class HexagonalArchitectureTest {

    // The domain depends on no other part of the service, and on no framework.
    @ArchTest
    static final ArchRule domainDependsOnNothingElseOfTheService = noClasses()
            .that().resideInAPackage("dev.slipway.history.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.slipway.history.application..", "dev.slipway.history.adapter..",
                    "org.springframework..", "org.apache.kafka..", "tools.jackson..");

    // The domain does not reach up to the service's root (its Spring application) either.
    @ArchTest
    static final ArchRule domainDoesNotUseTheApplicationClass = noClasses()
            .that().resideInAPackage("dev.slipway.history.domain..")
            .should().dependOnClassesThat().haveFullyQualifiedName(HistoryApplication.class.getName());

    // Use cases and ports know no adapter.
    @ArchTest
    static final ArchRule applicationDoesNotDependOnAdapters = noClasses()
            .that().resideInAPackage("dev.slipway.history.application..")
            .should().dependOnClassesThat().resideInAPackage("dev.slipway.history.adapter..");

    // Ports do not depend on the services that implement them.
    @ArchTest
    static final ArchRule portsDoNotDependOnTheirImplementations = noClasses()
            .that().resideInAPackage("dev.slipway.history.application.port..")
            .should().dependOnClassesThat().resideInAPackage("dev.slipway.history.application")
            .allowEmptyShould(true);

    // Each adapter stands alone: the web layer reaches the database only through the application.
    @ArchTest
    static final ArchRule adaptersDoNotDependOnEachOther = slices()
            .matching("dev.slipway.history.adapter.(*).(*)..")
            .should().notDependOnEachOther();

    // Adapters use the application only through its ports, never its service classes.
    @ArchTest
    static final ArchRule adaptersUseOnlyPorts = noClasses()
            .that().resideInAPackage("dev.slipway.history.adapter..")
            .should().dependOnClassesThat().resideInAPackage("dev.slipway.history.application");
}
