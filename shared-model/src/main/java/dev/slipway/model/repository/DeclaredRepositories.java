package dev.slipway.model.repository;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The repositories declared in a YAML file: a list of entries with {@code provider}, {@code name},
 * {@code clone_url} and {@code webhook_secret}, and optionally {@code release_identity} (the login that
 * Slipway's releases of the repository are published with). {@code ${VAR}} anywhere in a value is replaced by
 * the environment variable {@code VAR}; a variable that is not set is an error, never an empty
 * secret.
 */
public final class DeclaredRepositories {

    /** The environment variable that names the file. */
    public static final String ENVIRONMENT_VARIABLE = "SLIPWAY_REPOSITORIES";

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Map<String, DeclaredRepository> byId;

    private DeclaredRepositories(Collection<DeclaredRepository> repositories) {
        Map<String, DeclaredRepository> map = new LinkedHashMap<>();
        for (DeclaredRepository r : repositories) {
            if (map.putIfAbsent(r.id(), r) != null) {
                throw new RepositoryDeclarationException("repository " + r.id() + " is declared twice");
            }
        }
        this.byId = Map.copyOf(map);
    }

    /** No repositories at all. */
    public static DeclaredRepositories none() {
        return new DeclaredRepositories(List.of());
    }

    /** These repositories. */
    public static DeclaredRepositories of(Collection<DeclaredRepository> repositories) {
        return new DeclaredRepositories(repositories);
    }

    /**
     * The repositories in the file named by {@code SLIPWAY_REPOSITORIES} in {@code environment},
     * or none when it is not set.
     */
    public static DeclaredRepositories fromEnvironment(Map<String, String> environment) {
        String file = environment.get(ENVIRONMENT_VARIABLE);
        if (file == null || file.isBlank()) {
            return none();
        }
        return load(Path.of(file), environment::get);
    }

    /** The repositories in {@code file}, with {@code ${VAR}} resolved through {@code environment}. */
    public static DeclaredRepositories load(Path file, Function<String, String> environment) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new RepositoryDeclarationException("cannot read repositories file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString(), environment);
    }

    /** The repositories declared in {@code yaml}; {@code source} names it in errors. */
    public static DeclaredRepositories parse(String yaml, String source, Function<String, String> environment) {
        List<Entry> entries;
        try {
            entries = YAML.readValue(yaml, new TypeReference<List<Entry>>() { });
        } catch (JacksonException e) {
            throw new RepositoryDeclarationException(source + ": expected a list of repositories with provider, "
                    + "name, clone_url, webhook_secret and optionally release_identity: " + e.getOriginalMessage(), e);
        }
        if (entries == null) {
            return none();
        }
        List<DeclaredRepository> repositories = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            String where = source + ": repository #" + (i + 1);
            if (e == null) {
                throw new RepositoryDeclarationException(where + " is empty");
            }
            try {
                repositories.add(new DeclaredRepository(
                        resolve(e.provider, where, environment),
                        resolve(e.name, where, environment),
                        resolve(e.cloneUrl, where, environment),
                        resolve(e.webhookSecret, where, environment),
                        resolve(e.releaseIdentity, where, environment)));
            } catch (IllegalArgumentException invalid) {
                throw new RepositoryDeclarationException(where + ": " + invalid.getMessage(), invalid);
            }
        }
        return new DeclaredRepositories(repositories);
    }

    private static String resolve(String value, String where, Function<String, String> environment) {
        if (value == null) {
            return null;
        }
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String resolved = environment.apply(m.group(1));
            if (resolved == null) {
                throw new RepositoryDeclarationException(where + ": environment variable " + m.group(1)
                        + " is referenced but not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The repository with Slipway id {@code id} ({@code provider:owner/name}). */
    public Optional<DeclaredRepository> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The repository {@code name} on {@code provider}. */
    public Optional<DeclaredRepository> find(String provider, String name) {
        return find(DeclaredRepository.id(provider, name));
    }

    /** Every declared repository. */
    public Collection<DeclaredRepository> all() {
        return byId.values();
    }

    private record Entry(String provider, String name, @JsonProperty("clone_url") String cloneUrl,
                         @JsonProperty("webhook_secret") String webhookSecret,
                         @JsonProperty("release_identity") String releaseIdentity) {
    }
}
