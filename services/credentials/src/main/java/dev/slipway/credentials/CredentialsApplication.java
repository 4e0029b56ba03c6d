package dev.slipway.credentials;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The credentials service: the credential broker (not built yet). Its settings live in {@code credentials.yml}. */
@SpringBootApplication
public class CredentialsApplication {

    /** The name of this service's configuration file, schema and consumer group. */
    public static final String NAME = "credentials";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The service as a Spring application, ready to run alone or inside the standalone platform. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(CredentialsApplication.class).properties("spring.config.name=" + NAME);
    }
}
