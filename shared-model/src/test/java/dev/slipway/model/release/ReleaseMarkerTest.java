package dev.slipway.model.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReleaseMarkerTest {

    private static final UUID BUILD = UUID.fromString("7f0c2f9e-4a43-4b1e-9d55-5a0d1b7cbb11");

    @Test
    void theMarkerWrittenIntoNotesIsReadBackWhereverItStands() {
        // Releases writes the marker into the notes; filtering finds the build in them, between other text.
        String notes = "## Changes\n\n- Fix the thing\n\n" + ReleaseMarker.of(BUILD) + "\n";

        assertThat(ReleaseMarker.of(BUILD)).isEqualTo("<!-- slipway:build=7f0c2f9e-4a43-4b1e-9d55-5a0d1b7cbb11 -->");
        assertThat(ReleaseMarker.in(notes)).contains(BUILD);
    }

    @Test
    void notesWithoutTheMarkerOrWithAMangledOneNameNoBuild() {
        // Only the exact comment counts: other comments, a bare id and no notes at all name no build.
        assertThat(ReleaseMarker.in(null)).isEmpty();
        assertThat(ReleaseMarker.in("")).isEmpty();
        assertThat(ReleaseMarker.in("<!-- slipway build 7 -->")).isEmpty();
        assertThat(ReleaseMarker.in("slipway:build=" + BUILD)).isEmpty();
        assertThat(ReleaseMarker.in("<!-- slipway:build=not-a-uuid -->")).isEmpty();
    }

    @Test
    void anIntendedReleaseCarriesItsBuildsMarkerWhenNoneIsGiven() {
        // The marker on the record is the one the notes will carry.
        ReleaseIntended intended = new ReleaseIntended("github:acme/app", "v1.41", BUILD, 41, "a".repeat(40), null);
        assertThat(intended.marker()).isEqualTo(ReleaseMarker.of(BUILD));
        assertThat(intended.key()).isEqualTo("github:acme/app");
    }
}
