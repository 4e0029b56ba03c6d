package dev.slipway.model;

/** The Kafka topics that Slipway's services talk over, and the dead-letter name of each. */
public final class Topics {

    /** Webhook events normalised by ingestion; keyed by repository id. */
    public static final String SCM_EVENTS = "slipway.scm.events";
    /** Filtering's decisions: a build requested or skipped; keyed by repository id. */
    public static final String BUILD_TRIGGERS = "slipway.build.triggers";
    /** What happened during a build; keyed by build id. */
    public static final String BUILD_EVENTS = "slipway.build.events";
    /** Build output, in ordered chunks; keyed by build id. */
    public static final String BUILD_LOGS = "slipway.build.logs";
    /** Commands to running builds (cancel, retry); keyed by build id. */
    public static final String BUILD_COMMANDS = "slipway.build.commands";
    /** Releases intended, published or failed; keyed by repository id. */
    public static final String RELEASES = "slipway.releases";
    /** Credential leases, changes and denials; keyed by subject. */
    public static final String AUDIT = "slipway.audit";

    private Topics() {
    }

    /** The topic that poison records of {@code topic} are parked on, together with the error. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
