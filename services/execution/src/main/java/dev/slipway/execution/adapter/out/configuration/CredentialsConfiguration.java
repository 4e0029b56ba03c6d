package dev.slipway.execution.adapter.out.configuration;

import dev.slipway.execution.application.port.out.SecretValues;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Serves secrets from configuration, until the credential broker does. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CredentialsProperties.class)
class CredentialsConfiguration {

    @Bean
    SecretValues configuredSecretValues(CredentialsProperties properties) {
        return new ConfiguredSecretValues(properties.secrets());
    }

}
