package dev.slipway.testkit.docker;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that needs a Docker engine. When the engine answers, the test
 * runs and may take a {@link com.github.dockerjava.api.DockerClient} parameter. When it does
 * not, the test is skipped with the reason, unless {@code SLIPWAY_REQUIRE_DOCKER=1}, as CI sets
 * it: then the test fails with that reason. See {@link DockerEngine}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(DockerEngine.class)
public @interface RequiresDocker {
}
