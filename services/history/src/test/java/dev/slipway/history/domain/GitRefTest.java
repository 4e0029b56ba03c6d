package dev.slipway.history.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GitRefTest {

    @Test
    void namesTheBranchOfABranchRef() {
        // refs/heads/<name> is a branch, names with slashes included.
        GitRef ref = new GitRef("refs/heads/release/1.x");

        assertThat(ref.branch()).contains("release/1.x");
        assertThat(ref.tag()).isEmpty();
    }

    @Test
    void namesTheTagOfATagRef() {
        // refs/tags/<name> is a tag and no branch.
        GitRef ref = new GitRef("refs/tags/v1.2.3");

        assertThat(ref.tag()).contains("v1.2.3");
        assertThat(ref.branch()).isEmpty();
    }

    @Test
    void namesNeitherForOtherRefs() {
        // A pull request ref or a bare prefix is neither a branch nor a tag.
        assertThat(new GitRef("refs/pull/7/head").branch()).isEmpty();
        assertThat(new GitRef("refs/pull/7/head").tag()).isEmpty();
        assertThat(new GitRef("refs/heads/").branch()).isEmpty();
        assertThat(new GitRef("main").branch()).isEmpty();
    }

    @Test
    void rejectsABlankRef() {
        // Every build was requested for some ref.
        assertThatThrownBy(() -> new GitRef(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
