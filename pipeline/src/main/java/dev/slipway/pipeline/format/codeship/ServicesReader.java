package dev.slipway.pipeline.format.codeship;

import dev.slipway.pipeline.lint.LintCode;
import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.model.EnvVar;
import dev.slipway.pipeline.model.ImageRef;
import dev.slipway.pipeline.model.ImageSpec;
import dev.slipway.pipeline.model.Reference;
import dev.slipway.pipeline.source.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads codeship-services.yml: a mapping from service name to a docker-compose-like service. */
final class ServicesReader {

    static final List<String> SERVICE_KEYS =
            List.of("image", "build", "environment", "encrypted_env_file", "depends_on", "links");
    static final List<String> BUILD_KEYS =
            List.of("image", "path", "context", "dockerfile", "dockerfile_path", "args", "encrypted_args");

    private static final String NO_CACHE =
            "Slipway keeps Docker's layer cache on the build machine between builds; there is no registry cache to"
                    + " turn on. Remove the key";
    private static final String NO_SHARED_FILES =
            "Slipway steps share no host directories; build what later steps need into an image, or do the work"
                    + " in one step. Remove the key";
    private static final String IGNORED = "Slipway does not apply it to service containers; remove the key";

    static final Map<String, String> UNSUPPORTED_SERVICE_KEYS = unsupportedServiceKeys();

    private final String file;
    private final Consumer<Problem> problems;

    ServicesReader(String file, Consumer<Problem> problems) {
        this.file = file;
        this.problems = problems;
    }

    private static Map<String, String> unsupportedServiceKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("cached", NO_CACHE);
        keys.put("default_cache_branch", NO_CACHE);
        keys.put("volumes", NO_SHARED_FILES);
        keys.put("volumes_from", NO_SHARED_FILES);
        keys.put("add_docker", "Slipway does not hand steps the Docker socket: build images with a service's `build`"
                + " and push them with a `type: push` step, which Slipway runs itself. Remove the key");
        keys.put("env_file", "Slipway reads the pipeline before checking out anything else, so it cannot read another"
                + " file; copy the variables into `environment` (and secrets into a Slipway secret). Remove the key");
        keys.put("working_dir", "commands run in the image's WORKDIR; set WORKDIR in the Dockerfile, or start the"
                + " command with `cd DIR &&`");
        keys.put("entrypoint", "commands run with /bin/sh -c, not through an entrypoint; call the entrypoint script"
                + " at the start of the command");
        keys.put("command", "a step's `command` is what runs; a service's own command is not used");
        keys.put("user", "set USER in the Dockerfile");
        keys.put("privileged", "Slipway never runs privileged containers; a step that needs Docker should be a"
                + " `build` on a service, or a `type: push` step");
        for (String key : List.of("ports", "expose", "hostname", "domainname", "dns", "dns_search", "extra_hosts",
                "cap_add", "cap_drop", "labels", "restart", "tty", "stdin_open", "mem_limit", "memswap_limit",
                "cpu_shares", "cpuset", "read_only", "net", "network_mode", "container_name", "ulimits")) {
            keys.put(key, IGNORED);
        }
        return keys;
    }

    /** The services in file order; a service that cannot be read is left out after reporting why. */
    List<CodeshipService> read(Node root) {
        Optional<Node.Mapping> mapping = Fields.mapping(root, file, problems);
        if (mapping.isEmpty()) {
            return List.of();
        }
        List<CodeshipService> services = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Node.Entry entry : mapping.get().entries()) {
            String name = entry.key().value();
            if (names.contains(name)) {
                problems.accept(LintCode.KEY_DUPLICATE.at(entry.key().location(),
                        "the service `" + name + "` is declared twice in " + file + "; only the first counts",
                        "rename or remove one of them"));
                continue;
            }
            names.add(name);
            Fields.mapping(entry.value(), "the service `" + name + "`", problems)
                    .flatMap(m -> service(entry.key(), m))
                    .ifPresent(services::add);
        }
        return services;
    }

    private Optional<CodeshipService> service(Node.Scalar nameNode, Node.Mapping mapping) {
        String name = nameNode.value();
        Fields fields = Fields.of(mapping, "a service", SERVICE_KEYS, UNSUPPORTED_SERVICE_KEYS, problems);
        List<String> imageNames = new ArrayList<>();
        Optional<Node.Scalar> image = fields.text("image");
        Optional<ImageSpec> build = fields.node("build").flatMap(node -> build(name, node, imageNames));
        image.ifPresent(i -> imageNames.add(i.value()));
        ImageRef runs;
        if (build.isPresent()) {
            runs = new ImageRef.Built(name, Optional.empty(), build.get().location());
        } else if (image.isPresent()) {
            runs = new ImageRef.External(image.get().value(), image.get().location());
        } else {
            problems.accept(LintCode.KEY_MISSING.at(nameNode.location(),
                    "the service `" + name + "` has neither `image` nor `build`, so it has nothing to run",
                    "add `image: NAME:TAG` to pull an image, or `build:` with a `dockerfile` to build one"));
            return Optional.empty();
        }
        List<EnvVar> environment = new ArrayList<>();
        for (Fields.Variable variable : fields.variables("environment")) {
            environment.add(new EnvVar(variable.name().value(), new EnvVar.Literal(variable.value()),
                    variable.name().location()));
        }
        for (Node.Scalar envFile : fields.names("encrypted_env_file")) {
            String secret = Secrets.forFile(envFile.value());
            environment.add(new EnvVar(Secrets.ALL_VARIABLES, new EnvVar.FromSecret(secret), envFile.location()));
            problems.accept(Secrets.encryptedReference(envFile.location(), "encrypted_env_file", secret,
                    "every variable in it is set for the steps run in `" + name + "`"));
        }
        List<Reference> dependsOn = new ArrayList<>();
        for (Node.Scalar dependency : fields.names("depends_on")) {
            dependsOn.add(new Reference(dependency.value(), dependency.location()));
        }
        for (Node.Scalar link : fields.names("links")) {
            // docker-compose's `service:alias`: the alias has no meaning on a Slipway build network.
            String linked = link.value().contains(":") ? link.value().substring(0, link.value().indexOf(':')) : link.value();
            if (dependsOn.stream().noneMatch(d -> d.name().equals(linked))) {
                dependsOn.add(new Reference(linked, link.location()));
            }
        }
        return Optional.of(new CodeshipService(name, nameNode.location(), imageNames, build, runs, environment,
                dependsOn));
    }

    private Optional<ImageSpec> build(String service, Node node, List<String> imageNames) {
        if (node instanceof Node.Scalar path && !path.isNull()) {
            // docker-compose's short form, `build: ./dir`.
            String context = RepoPath.normalize(path.value());
            return Optional.of(new ImageSpec(service, path.location(), context, "Dockerfile", Optional.empty(), List.of(),
                    List.of()));
        }
        Optional<Node.Mapping> mapping = Fields.mapping(node, "`build` of the service `" + service + "`", problems);
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        Fields fields = Fields.of(mapping.get(), "`build`", BUILD_KEYS, Map.of(), problems);
        fields.text("image").ifPresent(i -> imageNames.add(i.value()));
        Optional<Node.Scalar> path = fields.text("path");
        Optional<Node.Scalar> contextKey = fields.text("context");
        if (path.isPresent() && contextKey.isPresent()) {
            problems.accept(LintCode.VALUE_INVALID.at(contextKey.get().location(),
                    "`build` gives both `path` and `context`; `path` is used",
                    "they mean the same, the build context; keep one"));
        }
        String context = RepoPath.normalize(path.or(() -> contextKey).map(Node.Scalar::value).orElse("."));
        Optional<Node.Scalar> dockerfileKey = fields.text("dockerfile").or(() -> fields.text("dockerfile_path"));
        // Relative to the build path, in Codeship as in docker-compose and in the model.
        String dockerfile = RepoPath.normalize(dockerfileKey.map(Node.Scalar::value).orElse("Dockerfile"));
        List<EnvVar> args = new ArrayList<>();
        for (Fields.Variable variable : fields.variables("args")) {
            args.add(new EnvVar(variable.name().value(), new EnvVar.Literal(variable.value()), variable.name().location()));
        }
        fields.text("encrypted_args").ifPresent(encrypted -> {
            String secret = Secrets.forServiceKey(service, "encrypted_args");
            args.add(new EnvVar(Secrets.ALL_VARIABLES, new EnvVar.FromSecret(secret), encrypted.location()));
            problems.accept(Secrets.encryptedReference(encrypted.location(), "encrypted_args", secret,
                    "every variable in it is passed as a build argument when `" + service + "` is built"));
        });
        return Optional.of(new ImageSpec(service, mapping.get().location(), context, dockerfile, Optional.empty(), args,
                List.of()));
    }
}
