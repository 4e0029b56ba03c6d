package dev.slipway.pipeline.model;

import dev.slipway.pipeline.source.Location;
import java.util.Objects;

/**
 * An environment variable or build argument: a literal value, or a reference to a secret held by
 * the credential broker. The model never holds a secret's value.
 */
public record EnvVar(String name, Value value, Location location) {

    public EnvVar {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(location, "location");
    }

    /** What the variable is set to. */
    public sealed interface Value permits Literal, FromSecret {
    }

    /** Text written in the file. */
    public record Literal(String text) implements Value {
        public Literal {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The secret named {@code secret}, resolved by the executor at run time. Native files write
     * {@code FOO: { secret: name }} or a step's {@code secrets: [NAME]}; Codeship's
     * {@code encrypted_env_file} and {@code encrypted_args} map here.
     */
    public record FromSecret(String secret) implements Value {
        public FromSecret {
            Objects.requireNonNull(secret, "secret");
        }
    }
}
