package dev.slipway.ingestion.adapter.out.declared;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the declared repositories come from, under {@code slipway.repositories}.
 *
 * @param file the repositories YAML file; when unset, the file named by the environment variable
 *             {@code SLIPWAY_REPOSITORIES} is read, and with neither no repository is declared
 */
@ConfigurationProperties("slipway.repositories")
record RepositoriesProperties(Path file) {
}
