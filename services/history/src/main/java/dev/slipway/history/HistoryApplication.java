package dev.slipway.history;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The history service: the read side: builds, steps, logs and decisions behind the REST API. Its settings live in {@code history.yml}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HistoryApplication {

    /** The name of this service's configuration file, schema and consumer group. */
    public static final String NAME = "history";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The service as a Spring application, ready to run alone or inside the standalone platform. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(HistoryApplication.class).properties("spring.config.name=" + NAME);
    }
}
