package dev.slipway.execution.adapter.out.configuration;

import dev.slipway.execution.application.port.out.RegistryCredentials;
import dev.slipway.execution.application.port.out.SecretValues;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Serves secrets and registry logins from configuration, until the credential broker does. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CredentialsProperties.class)
class CredentialsConfiguration {

    @Bean
    SecretValues configuredSecretValues(CredentialsProperties properties) {
        return new ConfiguredSecretValues(properties.secrets());
    }

    /** Steps aside for another source of registry logins, should one be wired. */
    @Bean
    @ConditionalOnMissingBean(RegistryCredentials.class)
    RegistryCredentials configuredRegistryCredentials(CredentialsProperties properties) {
        return new ConfiguredRegistryCredentials(properties.registries());
    }
}
