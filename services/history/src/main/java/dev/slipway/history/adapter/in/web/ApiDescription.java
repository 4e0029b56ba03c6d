package dev.slipway.history.adapter.in.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The head of the OpenAPI description served at {@code /v3/api-docs}; springdoc derives the rest from the controllers. */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    @Bean
    OpenAPI historyOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Slipway history API")
                .version("1")
                .description("Builds, their steps, images and logs, and filtering's decisions (why each event "
                        + "built, was skipped or errored), as recorded from Slipway's build events. "
                        + "Errors are RFC 9457 problem details whose type names the problem."));
    }
}
