package dev.slipway.ingestion;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The ingestion service: webhooks in, SCM events out. Its settings live in {@code ingestion.yml}. */
@SpringBootApplication
public class IngestionApplication {

    /** The name of this service's configuration file, schema and consumer group. */
    public static final String NAME = "ingestion";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The service as a Spring application, ready to run alone or inside the standalone platform. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(IngestionApplication.class).properties("spring.config.name=" + NAME);
    }
}
