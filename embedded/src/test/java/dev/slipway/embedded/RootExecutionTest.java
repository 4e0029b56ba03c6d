package dev.slipway.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RootExecutionTest {

    @Test
    void letsANonRootJvmRunPostgresAsItIs() {
        // Verifies that a non-root JVM never needs a user namespace.
        assertThat(RootExecution.problem(1000, false)).isEmpty();
    }

    @Test
    void letsARootJvmRunPostgresWhenAUserNamespaceIsAvailable() {
        // Verifies that root is fine as long as the binaries can run in a user namespace.
        assertThat(RootExecution.problem(0, true)).isEmpty();
    }

    @Test
    void refusesARootJvmWithoutUserNamespacesAndSaysWhatToDo() {
        // Verifies that root without user namespaces is refused with a message that names both ways out.
        assertThat(RootExecution.problem(0, false)).hasValueSatisfying(message -> assertThat(message)
                .contains("refuses to run as root")
                .contains("non-root user")
                .contains("user namespaces"));
    }
}
