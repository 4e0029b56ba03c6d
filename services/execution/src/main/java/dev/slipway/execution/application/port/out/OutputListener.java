package dev.slipway.execution.application.port.out;

/** Receives output lines from a backend, in order, one at a time. */
@FunctionalInterface
public interface OutputListener {

    /** One line as the engine printed it, without its line end. */
    void onLine(String line);
}
