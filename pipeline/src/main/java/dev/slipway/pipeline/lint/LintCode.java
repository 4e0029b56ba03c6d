package dev.slipway.pipeline.lint;

import dev.slipway.pipeline.source.Location;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every lint code the library reports, with its severity and one line on what it means. Codes are
 * stable: the CLI prints them, users search for them and docs list them, so a code is only ever
 * added, never renamed.
 */
public enum LintCode {
    YAML_SYNTAX("yaml.syntax", Severity.ERROR, "the file is not valid YAML (or JSON)"),
    FILE_EMPTY("file.empty", Severity.ERROR, "the file is empty or holds only comments"),
    FILE_TOO_LARGE("file.too-large", Severity.ERROR, "the file is larger than the 1 MiB a pipeline may have"),
    FILE_TOO_DEEP("file.too-deep", Severity.ERROR, "the file nests deeper than 64 levels"),
    FORMAT_UNSUPPORTED("format.unsupported", Severity.ERROR,
            "more files than one pipeline reads: a second .slipway.yml, or a third Codeship file"),
    VERSION_MISSING("version.missing", Severity.ERROR, "`version: 1` is missing from a .slipway.yml"),
    VERSION_UNSUPPORTED("version.unsupported", Severity.ERROR, "`version` is something other than 1"),
    KEY_UNKNOWN("key.unknown", Severity.ERROR, "a key this place does not know; the hint suggests the closest known key"),
    KEY_DUPLICATE("key.duplicate", Severity.ERROR, "a key appears twice in one mapping; only the first counts"),
    KEY_MISSING("key.missing", Severity.ERROR, "a required key is absent"),
    NODE_WRONG_KIND("node.wrong-kind", Severity.ERROR, "a mapping, list or value where another kind belongs"),
    VALUE_INVALID("value.invalid", Severity.ERROR,
            "a value outside what its key accepts: booleans, durations, numbers, events, statuses, scopes, names"),
    STEPS_MISSING("steps.missing", Severity.ERROR, "the pipeline has no steps"),
    STEP_NO_ACTION("step.no-action", Severity.ERROR,
            "a step has none of `run`, `push`, `release`, `parallel`, `serial`"),
    STEP_MANY_ACTIONS("step.many-actions", Severity.ERROR, "a step has more than one of `run`, `push`, `release`, `parallel`, `serial`"),
    STEP_DUPLICATE_NAME("step.duplicate-name", Severity.ERROR, "two steps (at any depth) share a name"),
    STEP_EMPTY_GROUP("step.empty-group", Severity.ERROR, "a `parallel` or `serial` group holds no steps"),
    STEP_PARALLEL_IN_LANE("step.parallel-in-lane", Severity.WARNING,
            "a parallel group nested in a serial group inside a parallel group; its steps run one after another"),
    REF_UNKNOWN_IMAGE("ref.unknown-image", Severity.ERROR, "`image@stage` names an image that `images` does not declare"),
    REF_IMAGE_NOT_BUILT("ref.image-not-built", Severity.WARNING,
            "a plain image name close to a built image's name: it will be pulled, not built"),
    REF_UNKNOWN_SERVICE("ref.unknown-service", Severity.ERROR, "`depends_on` or a step's `services` names an undeclared service"),
    PUSH_IMAGE_NOT_BUILT("push.image-not-built", Severity.ERROR, "a push names an image that no `images` entry builds"),
    SERVICE_DEPENDENCY_CYCLE("service.dependency-cycle", Severity.ERROR, "services depend on each other in a cycle"),
    IMAGE_PATH_ESCAPES("image.path-escapes", Severity.ERROR,
            "an image's context or dockerfile is absolute or climbs out of the repository with `..`"),
    PATTERN_INVALID("pattern.invalid", Severity.ERROR, "a glob or regular expression that does not compile"),
    TEMPLATE_SYNTAX("template.syntax", Severity.ERROR, "a template with an unclosed `{{` or something other than `.Variable` inside"),
    TEMPLATE_UNKNOWN_VARIABLE("template.unknown-variable", Severity.ERROR, "a template names a variable that does not exist"),
    TEMPLATE_CLEANED("template.cleaned", Severity.WARNING,
            "a tag had to be cleaned into a valid Docker tag (when linting: its literal text; when planning: the rendered tag)"),
    TEMPLATE_EMPTY_TAG("template.empty-tag", Severity.WARNING,
            "a tag rendered to nothing for this event and is left out of the push (reported when planning)"),
    SYSCTL_NOT_NAMESPACED("sysctl.not-namespaced", Severity.ERROR, "a sysctl that is not namespaced, so no container may set it"),
    SYSCTL_HOST_NETWORK("sysctl.host-network", Severity.ERROR, "a `net.*` sysctl on a service that uses the host network"),
    SECRET_PLAIN_TEXT("secret.plain-text", Severity.WARNING,
            "an environment variable named like a secret (*TOKEN, *PASSWORD, *SECRET, ...) has a literal value"),
    // Codeship Pro files: where Slipway does what the file says and Codeship did something else.
    CODESHIP_PUSH_IMAGE_NAME("codeship.push-image-name", Severity.WARNING,
            "a push step's `image_name` is also the image of another service: the image pushed is still the one built"
                    + " for the step's `service`"),
    CODESHIP_REGISTRY_MISMATCH("codeship.registry-mismatch", Severity.WARNING,
            "a push step's `registry` and the host in its `image_name` disagree; Slipway pushes where the file says"),
    CODESHIP_PUSH_NOT_BUILT("codeship.push-not-built", Severity.ERROR,
            "a push step's `service` has no `build`, so there is no image of this build to push"),
    CODESHIP_UNKNOWN_SERVICE("codeship.unknown-service", Severity.ERROR,
            "a step or `depends_on` names a service that codeship-services.yml does not declare"),
    CODESHIP_TAG_LOOKS_LIKE_REGEX("codeship.tag-looks-like-regex", Severity.WARNING,
            "an unanchored `tag`/`exclude` value written like a regular expression; it is read as a plain name"),
    CODESHIP_TAG_GLOB("codeship.tag-glob", Severity.WARNING,
            "an unanchored `tag`/`exclude` value with glob characters: Codeship compared it as an exact name,"
                    + " Slipway matches it as a glob"),
    CODESHIP_ENCRYPTED_REFERENCE("codeship.encrypted-reference", Severity.WARNING,
            "an `encrypted_*` value is read as a reference to a Slipway secret, never decrypted"),
    CODESHIP_COMMAND_SHELL("codeship.command-shell", Severity.WARNING,
            "a `command` with shell syntax: Codeship ran commands without a shell, Slipway runs them with /bin/sh -c"),
    CODESHIP_UNSUPPORTED_KEY("codeship.unsupported-key", Severity.WARNING,
            "a key Codeship knew that Slipway ignores; the hint says what to do instead"),
    CODESHIP_DUPLICATE_STEP_NAME("codeship.duplicate-step-name", Severity.WARNING,
            "two steps share a name; the later one is renamed, since plans and decisions refer to steps by name"),
    CODESHIP_TEMPLATE_VARIABLE("codeship.template-variable", Severity.ERROR,
            "an `image_tag` uses a Codeship-only template variable or a Go template function"),
    CODESHIP_MISSING_FILE("codeship.missing-file", Severity.ERROR,
            "codeship-steps.yml came without codeship-services.yml, or the other way round");

    private final String code;
    private final Severity severity;
    private final String summary;

    LintCode(String code, Severity severity, String summary) {
        this.code = code;
        this.severity = severity;
        this.summary = summary;
    }

    /** The stable code, such as {@code key.unknown}. */
    public String code() {
        return code;
    }

    public Severity severity() {
        return severity;
    }

    /** One line on what the code means, for docs and {@code slipway lint --codes}. */
    public String summary() {
        return summary;
    }

    /** A problem of this code, at this code's severity. */
    public Problem at(Location location, String message, String hint) {
        return new Problem(severity, code, message, location, hint);
    }

    public static Optional<LintCode> of(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }
}
