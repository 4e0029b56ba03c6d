package dev.slipway.history;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.slipway.testkit.arch.HexagonalArchitecture;
import org.junit.jupiter.api.Test;

/** The dependency rule of the hexagon, for the history service's production classes. */
class HexagonalArchitectureTest {

    private static final String ROOT = "dev.slipway.history";

    @Test
    void followsTheHexagonalDependencyRule() {
        // Verifies the shared rule: a pure domain, use cases and ports that know no adapter, adapters that stand alone.
        HexagonalArchitecture.of(ROOT).check();
    }

    @Test
    void domainDoesNotUseTheApplicationClass() {
        // Verifies that the domain does not reach up to the service's root (its Spring application) either.
        noClasses().that().resideInAPackage(ROOT + ".domain..")
                .should().dependOnClassesThat().haveFullyQualifiedName(HistoryApplication.class.getName())
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(ROOT));
    }
}
