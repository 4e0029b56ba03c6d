package dev.slipway.releases;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The releases service: publishes GitHub and Gitea releases for successful builds (not built yet). Its settings live in {@code releases.yml}. */
@SpringBootApplication
public class ReleasesApplication {

    /** The name of this service's configuration file, schema and consumer group. */
    public static final String NAME = "releases";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The service as a Spring application, ready to run alone or inside the standalone platform. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ReleasesApplication.class).properties("spring.config.name=" + NAME);
    }
}
