package dev.slipway.history.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class PathIdsTest {

    @Test
    void readsACanonicalUuid() {
        // The id in a URL is the build's or decision's UUID as the API prints it.
        UUID id = UUID.randomUUID();

        assertThat(PathIds.build(id.toString())).isEqualTo(id);
        assertThat(PathIds.decision(id.toString().toUpperCase())).isEqualTo(id);
    }

    @Test
    void rejectsShortenedUuidsThatJavaWouldAccept() {
        // UUID.fromString reads 1-2-3-4-5; a URL must name one build unambiguously.
        assertThatThrownBy(() -> PathIds.build("1-2-3-4-5"))
                .isInstanceOf(InvalidIdException.class)
                .hasMessageContaining("not a build id");
        assertThatThrownBy(() -> PathIds.build("42")).isInstanceOf(InvalidIdException.class);
    }

    @Test
    void namesTheKindOfIdThatWasMalformed() {
        // A bad decision id is reported as a decision id, so that its problem type can say so.
        assertThatThrownBy(() -> PathIds.decision("42"))
                .isInstanceOfSatisfying(InvalidIdException.class, e -> {
                    assertThat(e.kind()).isEqualTo("decision");
                    assertThat(e.parameter()).isEqualTo("id");
                    assertThat(e).hasMessageContaining("not a decision id");
                });
    }
}
