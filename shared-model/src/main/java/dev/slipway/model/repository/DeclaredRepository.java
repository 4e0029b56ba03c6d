package dev.slipway.model.repository;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One repository that Slipway builds.
 *
 * @param provider      {@code github}, {@code gitea} or {@code gitlab}
 * @param name          {@code owner/repo}
 * @param cloneUrl      where executors clone it from
 * @param webhookSecret   the secret its webhooks are signed with; never put on Kafka
 * @param releaseIdentity the login Slipway's releases of this repository are published with (its bot
 *                        account), or {@code null} when not said; an event sent by it is Slipway's own
 */
public record DeclaredRepository(String provider, String name, String cloneUrl, String webhookSecret,
                                 String releaseIdentity) {

    /** The git hosts Slipway takes webhooks from. */
    public static final Set<String> PROVIDERS = Set.of("github", "gitea", "gitlab");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+");

    public DeclaredRepository {
        if (provider == null || !PROVIDERS.contains(provider.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("provider must be one of github, gitea, gitlab; was " + provider);
        }
        provider = provider.toLowerCase(Locale.ROOT);
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be owner/repo; was " + name);
        }
        if (cloneUrl == null || cloneUrl.isBlank()) {
            throw new IllegalArgumentException("repository " + name + " needs a clone_url");
        }
        if (webhookSecret == null || webhookSecret.isEmpty()) {
            throw new IllegalArgumentException("repository " + name + " needs a webhook_secret");
        }
        releaseIdentity = releaseIdentity == null || releaseIdentity.isBlank() ? null : releaseIdentity.strip();
    }

    /** A repository whose release identity is not said. */
    public DeclaredRepository(String provider, String name, String cloneUrl, String webhookSecret) {
        this(provider, name, cloneUrl, webhookSecret, null);
    }

    /** The release identity, when one is declared. */
    public java.util.Optional<String> releasedBy() {
        return java.util.Optional.ofNullable(releaseIdentity);
    }

    /** Slipway's id of the repository, {@code provider:owner/repo}; the Kafka key of its events. */
    public String id() {
        return id(provider, name);
    }

    /** The id of repository {@code name} on {@code provider}. */
    public static String id(String provider, String name) {
        return provider.toLowerCase(Locale.ROOT) + ":" + name;
    }

    @Override
    public String toString() {
        return "DeclaredRepository[" + id() + ", cloneUrl=" + cloneUrl + ", webhookSecret=****, releaseIdentity="
                + releaseIdentity + "]";
    }
}
