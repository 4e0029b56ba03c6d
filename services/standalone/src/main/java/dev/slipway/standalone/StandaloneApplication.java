package dev.slipway.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar slipway-standalone.jar}: starts the whole platform and runs until the process
 * is stopped (Ctrl-C or SIGTERM), then shuts everything down in order.
 */
public final class StandaloneApplication {

    private static final Logger log = LoggerFactory.getLogger(StandaloneApplication.class);

    private StandaloneApplication() {
    }

    public static void main(String[] args) throws InterruptedException {
        StandaloneSettings settings;
        try {
            settings = StandaloneSettings.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("slipway: " + e.getMessage());
            System.exit(2);
            return;
        }
        log.info("Starting Slipway standalone with data under {}", settings.home());
        StandalonePlatform platform = StandalonePlatform.start(settings);
        // The platform's own shutdown hook stops it in order when the process is stopped.
        platform.awaitStopped();
    }
}
