package dev.slipway.cli;

import dev.slipway.pipeline.plan.PlanContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * What {@code plan} needs that neither the file nor the event says. The defaults are fixed values
 * rather than a clock or a random id, so that the same command always prints the same plan.
 */
final class BuildContextOptions {

    static final String DEFAULT_BUILD_ID = "local";
    static final String DEFAULT_TIMESTAMP = "2000-01-01T00:00:00Z";
    static final String DEFAULT_REPOSITORY = "owner/repo";

    @Option(names = "--build-number", paramLabel = "N", defaultValue = "1",
            description = "The build's number, for {{ .BuildNumber }}. Default: ${DEFAULT-VALUE}.")
    long buildNumber;

    @Option(names = "--build-id", paramLabel = "ID", defaultValue = DEFAULT_BUILD_ID,
            description = "The build's id, for {{ .BuildID }}. Default: ${DEFAULT-VALUE}.")
    String buildId;

    @Option(names = "--timestamp", paramLabel = "INSTANT", defaultValue = DEFAULT_TIMESTAMP,
            converter = InstantConverter.class,
            description = "When the build was requested (ISO-8601, UTC), for {{ .Timestamp }}. Default: ${DEFAULT-VALUE}.")
    Instant timestamp;

    @Option(names = "--repo", paramLabel = "OWNER/NAME", defaultValue = DEFAULT_REPOSITORY,
            description = "The repository, for {{ .RepoOwner }} and {{ .RepoName }}. Default: ${DEFAULT-VALUE}.")
    String repository;

    /** The build context, or a usage error for a malformed value. */
    PlanContext context(CommandLine commandLine) {
        int slash = repository.indexOf('/');
        boolean ownerAndName = slash > 0 && slash == repository.lastIndexOf('/') && slash < repository.length() - 1;
        EventOptions.reject(!ownerAndName, commandLine,
                "--repo takes OWNER/NAME, such as acme/app, not `" + repository + "`");
        EventOptions.reject(buildNumber < 1, commandLine, "--build-number counts from 1, not " + buildNumber);
        EventOptions.reject(buildId.isBlank(), commandLine, "--build-id cannot be blank");
        return new PlanContext(buildId, buildNumber, timestamp, repository.substring(0, slash),
                repository.substring(slash + 1));
    }

    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("`" + value + "` is not an ISO-8601 instant such as "
                        + DEFAULT_TIMESTAMP);
            }
        }
    }
}
