package dev.slipway.history.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class BuildIdsTest {

    @Test
    void readsACanonicalUuid() {
        // The id in a URL is the build's UUID as the API prints it.
        UUID id = UUID.randomUUID();

        assertThat(BuildIds.parse(id.toString())).isEqualTo(id);
    }

    @Test
    void rejectsShortenedUuidsThatJavaWouldAccept() {
        // UUID.fromString reads 1-2-3-4-5; a URL must name one build unambiguously.
        assertThatThrownBy(() -> BuildIds.parse("1-2-3-4-5"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("not a build id");
        assertThatThrownBy(() -> BuildIds.parse("42")).isInstanceOf(InvalidParameterException.class);
    }
}
