package dev.slipway.execution.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuildImageNameTest {

    /** Docker's grammar for a repository path (distribution/reference), and for a tag. */
    private static final Pattern DOCKER_REPOSITORY =
            Pattern.compile("[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*)*");
    private static final Pattern DOCKER_TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

    @Test
    void namesTheImageAfterOwnerRepositoryAndBuildNumber() {
        // Verifies the image name of an ordinary repository: slipway/<owner>-<repo>:<buildNumber>.
        BuildImageName name = BuildImageName.forBuild("acme/app", 7);

        assertThat(name.toString()).isEqualTo("slipway/acme-app:7");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "acme/app, app, slipway/acme-app/app:7",
            "acme/app, app@builder, slipway/acme-app/app-builder:7",
            "Acme/Web App, Front_End, slipway/acme-web-app/front_end:7"
    })
    void namesAPlansImageAfterTheRepositoryAndTheImagesKey(String repositoryName, String key, String expected) {
        // Verifies the local name of each image a plan builds: one more path component, the key, cleaned.
        BuildImageName name = BuildImageName.forImage(repositoryName, key, 7);

        assertThat(name.toString()).isEqualTo(expected);
        assertThat(name.repository()).matches(DOCKER_REPOSITORY);
    }

    @Test
    void keepsAPlansImageNameWithinDockersLengthWhateverTheRepositoryIsCalled() {
        // Verifies that a repository name of Docker's whole length still leaves room for the image's key.
        BuildImageName name = BuildImageName.forImage("acme/" + "r".repeat(300), "app@builder", 7);

        assertThat(name.repository()).hasSizeLessThanOrEqualTo(255).endsWith("/app-builder")
                .matches(DOCKER_REPOSITORY);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "Acme/My-App, slipway/acme-my-app",
            "ACME/App.Server, slipway/acme-app.server",
            "acme/app..server, slipway/acme-app-server",
            "acme/___weird___, slipway/acme-weird",
            "acme/a__b, slipway/acme-a__b",
            "acme/a_-_b, slipway/acme-a-b",
            "acme/über app!, slipway/acme-ber-app",
            "group/sub/repo, slipway/group-sub-repo",
            "-acme/app-, slipway/acme-app",
            "'!!!/???', slipway/unnamed"
    })
    void cleansRepositoryNamesIntoDockersGrammar(String repositoryName, String expectedRepository) {
        // Verifies that names from git hosts become valid Docker repository names, lower-cased.
        BuildImageName name = BuildImageName.forBuild(repositoryName, 12);

        assertThat(name.repository()).isEqualTo(expectedRepository).matches(DOCKER_REPOSITORY);
        assertThat(name.tag()).isEqualTo("12");
    }

    @Test
    void shortensOverlongRepositoryNamesWithoutEndingOnASeparator() {
        // Verifies that a name beyond Docker's 255 characters is cut, and still valid where it was cut.
        String longName = "acme/" + "a".repeat(241) + "-" + "b".repeat(40);

        BuildImageName name = BuildImageName.forBuild(longName, 1);

        assertThat(name.repository()).hasSizeLessThanOrEqualTo(255).matches(DOCKER_REPOSITORY).doesNotEndWith("-");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "42, 42",
            "Release/1.2, release-1.2",
            "-.v1, v1",
            "feature#12, feature-12",
            "'...', latest"
    })
    void cleansTagsIntoDockersGrammar(String raw, String expected) {
        // Verifies that arbitrary text becomes a valid, lower-cased tag.
        assertThat(BuildImageName.tag(raw)).isEqualTo(expected).matches(DOCKER_TAG);
    }

    @Test
    void cutsTagsAtDockersLimit() {
        // Verifies that tags keep to Docker's 128 characters.
        assertThat(BuildImageName.tag("x".repeat(300))).hasSize(128).matches(DOCKER_TAG);
    }
}
