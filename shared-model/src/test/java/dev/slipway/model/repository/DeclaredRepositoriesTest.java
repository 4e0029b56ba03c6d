package dev.slipway.model.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DeclaredRepositoriesTest {

    private static final String FILE = """
            - provider: github
              name: acme/app
              clone_url: file:///srv/git/app.git
              webhook_secret: ${APP_SECRET}
              release_identity: slipway-bot
            - provider: GitLab
              name: group/sub/lib
              clone_url: https://gitlab.example/group/sub/lib.git
              webhook_secret: plain-${SUFFIX}
            """;

    @Test
    void repositoriesAreReadWithEnvironmentReferencesResolved() {
        // ${VAR} in a value is replaced by the variable, and ids are provider:owner/name.
        DeclaredRepositories repos = DeclaredRepositories.parse(FILE, "repos.yml",
                Map.of("APP_SECRET", "s3cret", "SUFFIX", "x")::get);

        DeclaredRepository app = repos.find("github", "acme/app").orElseThrow();
        assertThat(app.webhookSecret()).isEqualTo("s3cret");
        assertThat(app.cloneUrl()).isEqualTo("file:///srv/git/app.git");
        assertThat(repos.find("gitlab:group/sub/lib").orElseThrow().webhookSecret()).isEqualTo("plain-x");
        assertThat(app.releasedBy()).as("release_identity, when given").contains("slipway-bot");
        assertThat(repos.find("gitlab:group/sub/lib").orElseThrow().releasedBy()).as("not given").isEmpty();
        assertThat(app.toString()).doesNotContain("s3cret");
    }

    @Test
    void anUnsetVariableIsAnErrorNotAnEmptySecret() {
        // A webhook secret that silently became "" would accept unsigned deliveries.
        assertThatThrownBy(() -> DeclaredRepositories.parse(FILE, "repos.yml", Map.of("SUFFIX", "x")::get))
                .isInstanceOf(RepositoryDeclarationException.class)
                .hasMessage("repos.yml: repository #1: environment variable APP_SECRET is referenced but not set");
    }

    @Test
    void aBrokenFileSaysWhatWasExpected() {
        // Each mistake names the file, the entry and the field.
        assertThatThrownBy(() -> DeclaredRepositories.parse("provider: github", "r.yml", k -> null))
                .hasMessageStartingWith("r.yml: expected a list of repositories");
        assertThatThrownBy(() -> DeclaredRepositories.parse("- {provider: svn, name: a/b, clone_url: x, webhook_secret: y}",
                "r.yml", k -> null))
                .hasMessage("r.yml: repository #1: provider must be one of github, gitea, gitlab; was svn");
        assertThatThrownBy(() -> DeclaredRepositories.parse("- {provider: github, name: a/b, clone_url: x, secret: y}",
                "r.yml", k -> null))
                .hasMessageContaining("secret");
        assertThatThrownBy(() -> DeclaredRepositories.parse("""
                - {provider: github, name: a/b, clone_url: x, webhook_secret: y}
                - {provider: github, name: a/b, clone_url: z, webhook_secret: y}
                """, "r.yml", k -> null))
                .hasMessage("repository github:a/b is declared twice");
    }

    @Test
    void noFileMeansNoRepositories() {
        // A platform started without SLIPWAY_REPOSITORIES knows no repository and says 404 to webhooks.
        assertThat(DeclaredRepositories.fromEnvironment(Map.of()).all()).isEmpty();
    }
}
