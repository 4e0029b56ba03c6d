package dev.slipway.filtering;

import dev.slipway.testkit.arch.HexagonalArchitecture;
import org.junit.jupiter.api.Test;

class HexagonalArchitectureTest {

    @Test
    void filteringKeepsTheDependencyRuleOfTheHexagon() {
        // Domain and use cases know no adapter, and adapters reach the application only through its ports.
        HexagonalArchitecture.of("dev.slipway.filtering").check();
    }
}
