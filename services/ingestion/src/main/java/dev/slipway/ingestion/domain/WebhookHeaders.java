package dev.slipway.ingestion.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The HTTP headers of one delivery, by lower-case name. {@link #redacted()} is the form that is
 * stored: headers that carry secrets, or signatures from which a weak secret could be guessed
 * offline, keep their name but lose their value.
 */
public final class WebhookHeaders {

    /** What a redacted header's value is replaced with. */
    public static final String REDACTED = "[redacted]";

    private static final Set<String> SECRET_HEADERS = Set.of(
            "authorization", "proxy-authorization", "cookie",
            "x-hub-signature", "x-hub-signature-256",
            "x-gitea-signature", "x-gogs-signature", "x-forgejo-signature",
            "x-gitlab-token");

    private final Map<String, List<String>> values;

    private WebhookHeaders(Map<String, List<String>> values) {
        this.values = values;
    }

    /** These headers; names are matched without regard to case, as HTTP requires. */
    public static WebhookHeaders of(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, list) -> copy.merge(name.toLowerCase(Locale.ROOT), List.copyOf(list),
                (a, b) -> Stream.concat(a.stream(), b.stream()).toList()));
        return new WebhookHeaders(Collections.unmodifiableMap(copy));
    }

    /** The first value of header {@code name}, or {@code null} when it is absent. */
    public String first(String name) {
        List<String> list = values.get(name.toLowerCase(Locale.ROOT));
        return list == null || list.isEmpty() ? null : list.getFirst();
    }

    /** Every header with its values joined by {@code ", "}, secrets replaced by {@link #REDACTED}. */
    public Map<String, String> redacted() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((name, list) -> out.put(name, SECRET_HEADERS.contains(name) ? REDACTED : String.join(", ", list)));
        return Collections.unmodifiableMap(out);
    }
}
