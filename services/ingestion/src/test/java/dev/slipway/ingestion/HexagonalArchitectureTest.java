package dev.slipway.ingestion;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency rule of the hexagon, for the ingestion service's production classes. */
@AnalyzeClasses(packages = "dev.slipway.ingestion", importOptions = ImportOption.DoNotIncludeTests.class)
class HexagonalArchitectureTest {

    // The domain depends on no other part of the service and on no framework; Jackson's tree model
    // is allowed, since webhook bodies are JSON and the parsers are pure functions over it.
    @ArchTest
    static final ArchRule domainDependsOnNothingElseOfTheService = noClasses()
            .that().resideInAPackage("dev.slipway.ingestion.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.slipway.ingestion.application..", "dev.slipway.ingestion.adapter..",
                    "org.springframework..", "jakarta..", "org.apache.kafka..", "io.micrometer..", "java.sql..",
                    "dev.slipway.messaging..");

    @ArchTest
    static final ArchRule domainDoesNotUseTheServiceRoot = noClasses()
            .that().resideInAPackage("dev.slipway.ingestion.domain..")
            .should().dependOnClassesThat().resideInAPackage("dev.slipway.ingestion");

    // Use cases and ports know no adapter, and no framework either: they run in a plain unit test.
    @ArchTest
    static final ArchRule applicationDependsOnNoAdapterOrFramework = noClasses()
            .that().resideInAPackage("dev.slipway.ingestion.application..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.slipway.ingestion.adapter..", "org.springframework..", "jakarta..", "org.apache.kafka..",
                    "io.micrometer..", "java.sql..", "dev.slipway.messaging..");

    // Ports do not depend on the services that implement them.
    @ArchTest
    static final ArchRule portsDoNotDependOnTheirImplementations = noClasses()
            .that().resideInAPackage("dev.slipway.ingestion.application.port..")
            .should().dependOnClassesThat().resideInAPackage("dev.slipway.ingestion.application");

    // Each adapter stands alone: the web layer reaches the database only through the application.
    @ArchTest
    static final ArchRule adaptersDoNotDependOnEachOther = slices()
            .matching("dev.slipway.ingestion.adapter.(*).(*)..")
            .should().notDependOnEachOther();

    // Adapters use the application only through its ports, never its service classes.
    @ArchTest
    static final ArchRule adaptersUseOnlyPorts = noClasses()
            .that().resideInAPackage("dev.slipway.ingestion.adapter..")
            .should().dependOnClassesThat().resideInAPackage("dev.slipway.ingestion.application");

    // Only the persistence adapter touches the outbox: events leave in the delivery's own transaction.
    @ArchTest
    static final ArchRule onlyPersistenceWritesTheOutbox = noClasses()
            .that().resideOutsideOfPackage("dev.slipway.ingestion.adapter.out.persistence..")
            .should().dependOnClassesThat().resideInAPackage("dev.slipway.messaging.outbox..");

    // Nobody sends to Kafka directly: events go through the outbox.
    @ArchTest
    static final ArchRule noDirectKafkaSends = noClasses()
            .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.kafka.core.KafkaTemplate");

    // Adapters are reached through Spring and the ports, so none of their classes is public.
    @ArchTest
    static final ArchRule adapterClassesArePackagePrivate = classes()
            .that().resideInAPackage("dev.slipway.ingestion.adapter..")
            .and().areTopLevelClasses()
            .and().doNotHaveSimpleName("package-info")
            .should().notBePublic();
}
