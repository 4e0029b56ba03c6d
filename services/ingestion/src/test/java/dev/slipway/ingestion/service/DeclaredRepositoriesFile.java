package dev.slipway.ingestion.service;

import dev.slipway.ingestion.IngestionApplication;
import dev.slipway.testkit.infra.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The repositories YAML that the service tests declare, written to a temporary file. */
final class DeclaredRepositoriesFile {

    static final String REPOSITORY = "acme/app";
    static final String REPOSITORY_ID = "github:" + REPOSITORY;
    static final String SECRET = "It's a Secret to Everybody";
    // Deliberately unlike the clone_url in the bodies (https://github.com/acme/app.git): events must carry this one.
    static final String CLONE_URL = "file:///srv/git/acme-app.git";
    static final String GITEA_REPOSITORY_ID = "gitea:" + REPOSITORY;
    static final String GITEA_SECRET = "a Gitea secret";
    static final String GITEA_CLONE_URL = "file:///srv/git/gitea-acme-app.git";
    static final String GITLAB_REPOSITORY_ID = "gitlab:" + REPOSITORY;
    static final String GITLAB_TOKEN = "a GitLab token";
    static final String GITLAB_CLONE_URL = "file:///srv/git/gitlab-acme-app.git";

    private DeclaredRepositoriesFile() {
    }

    /**
     * Points an ingestion test context at the shared PostgreSQL and Kafka broker, with a new
     * repositories file as {@link #write()} makes it.
     */
    static void registerService(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, IngestionApplication.NAME);
        registry.add("slipway.repositories.file", () -> write().toString());
    }

    /** A new file declaring {@value #REPOSITORY} on GitHub, Gitea and GitLab, each with its own secret; deleted when the JVM exits. */
    static Path write() {
        try {
            Path file = Files.createTempFile("slipway-repositories-", ".yml");
            file.toFile().deleteOnExit();
            Files.writeString(file, """
                    - provider: github
                      name: %s
                      clone_url: %s
                      webhook_secret: "%s"
                    - provider: gitea
                      name: %s
                      clone_url: %s
                      webhook_secret: "%s"
                    - provider: gitlab
                      name: %s
                      clone_url: %s
                      webhook_secret: "%s"
                    """.formatted(REPOSITORY, CLONE_URL, SECRET, REPOSITORY, GITEA_CLONE_URL, GITEA_SECRET,
                    REPOSITORY, GITLAB_CLONE_URL, GITLAB_TOKEN));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
