package dev.slipway.ingestion.service;

import dev.slipway.testkit.webhook.GitHubWebhook;
import dev.slipway.testkit.webhook.WebhookDelivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Several GitHub repositories declared in a temporary repositories file, and streams of signed
 * push deliveries to them, for the reliability tests: pushes to different repositories
 * interleave, and the pushes to one repository have an order that Kafka must keep.
 */
final class ReliabilityRepositories {

    static final String SECRET = "a secret for the reliability tests";

    private final List<String> names;
    private final Path file;

    private ReliabilityRepositories(List<String> names, Path file) {
        this.names = names;
        this.file = file;
    }

    /** Declares {@code count} repositories, {@code acme/service-1} and on, in a new file deleted when the JVM exits. */
    static ReliabilityRepositories declare(int count) {
        List<String> names = IntStream.rangeClosed(1, count).mapToObj(i -> "acme/service-" + i).toList();
        StringBuilder yaml = new StringBuilder();
        for (String name : names) {
            yaml.append("- provider: github\n  name: ").append(name)
                    .append("\n  clone_url: file:///srv/git/").append(name.replace('/', '-')).append(".git")
                    .append("\n  webhook_secret: \"").append(SECRET).append("\"\n");
        }
        try {
            Path file = Files.createTempFile("slipway-reliability-repositories-", ".yml");
            file.toFile().deleteOnExit();
            Files.writeString(file, yaml);
            return new ReliabilityRepositories(names, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file to give the service as {@code slipway.repositories.file}. */
    Path file() {
        return file;
    }

    /** The repositories' ids, as events carry them in their key: {@code github:acme/service-1}. */
    List<String> ids() {
        return names.stream().map(n -> "github:" + n).toList();
    }

    /**
     * {@code perRepository} signed pushes to each repository, each with a new delivery id; element
     * {@code i} of the result is repository {@code i}'s pushes, in the order they are to be posted.
     */
    List<List<WebhookDelivery>> pushes(int perRepository) {
        List<List<WebhookDelivery>> pushes = new ArrayList<>();
        for (String name : names) {
            List<WebhookDelivery> own = new ArrayList<>(perRepository);
            for (int n = 0; n < perRepository; n++) {
                own.add(GitHubWebhook.push(name).branch("main")
                        .commit(String.format("%040x", (long) name.hashCode() * 100_000L + n), "change " + n)
                        .deliver(SECRET));
            }
            pushes.add(own);
        }
        return pushes;
    }
}
