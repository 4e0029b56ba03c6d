package dev.slipway.filtering;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The filtering service: SCM events in, build decisions out. Its settings live in {@code filtering.yml}. */
@SpringBootApplication
public class FilteringApplication {

    /** The name of this service's configuration file, schema and consumer group. */
    public static final String NAME = "filtering";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The service as a Spring application, ready to run alone or inside the standalone platform. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(FilteringApplication.class).properties("spring.config.name=" + NAME);
    }
}
