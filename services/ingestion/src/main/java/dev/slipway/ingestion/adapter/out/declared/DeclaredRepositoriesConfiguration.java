package dev.slipway.ingestion.adapter.out.declared;

import dev.slipway.model.repository.DeclaredRepositories;
import dev.slipway.model.repository.DeclaredRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reads the declared repositories once, at start-up, so that a broken file stops the service with
 * a message naming the file and the entry, rather than failing each delivery later.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RepositoriesProperties.class)
class DeclaredRepositoriesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeclaredRepositoriesConfiguration.class);

    @Bean
    DeclaredRepositoryRegistry declaredRepositoryRegistry(RepositoriesProperties properties) {
        DeclaredRepositories declared = properties.file() != null
                ? DeclaredRepositories.load(properties.file(), System::getenv)
                : DeclaredRepositories.fromEnvironment(System.getenv());
        DeclaredRepositoryRegistry registry = new DeclaredRepositoryRegistry(declared);
        if (registry.size() == 0) {
            log.warn("No repositories are declared, so every webhook will be answered 404; name a repositories "
                    + "file in {} or slipway.repositories.file", DeclaredRepositories.ENVIRONMENT_VARIABLE);
        } else {
            log.info("{} repositories declared: {}", registry.size(), declared.all().stream()
                    .map(DeclaredRepository::id).toList());
        }
        return registry;
    }
}
