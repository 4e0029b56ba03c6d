package dev.slipway.ingestion.domain;

import java.util.Locale;

/**
 * What ingestion decided about one delivery. {@link #DUPLICATE} is only ever an answer: a
 * repeated delivery is not stored again, so no stored delivery has that verdict.
 */
public enum Verdict {

    /** Verified and turned into an SCM event that will be published. */
    ACCEPTED,
    /** Verified, but about something Slipway does not act on; stored, nothing published. */
    IGNORED,
    /** Refused: unreadable, unsigned, wrongly signed or for an unknown repository. */
    REJECTED,
    /** A delivery id already accepted or ignored; nothing changed. */
    DUPLICATE;

    /** The lower-case name used in answers, metrics and the {@code deliveries} table. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The verdict whose {@link #wireName()} is {@code name}. */
    public static Verdict fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
