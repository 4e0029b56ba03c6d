package dev.slipway.execution;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The execution service: runs build plans on Docker. Its settings live in {@code execution.yml}. */
@SpringBootApplication
public class ExecutionApplication {

    /** The name of this service's configuration file, schema and consumer group. */
    public static final String NAME = "execution";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The service as a Spring application, ready to run alone or inside the standalone platform. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ExecutionApplication.class).properties("spring.config.name=" + NAME);
    }
}
