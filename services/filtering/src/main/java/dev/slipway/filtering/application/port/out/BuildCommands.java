package dev.slipway.filtering.application.port.out;

import dev.slipway.model.Envelope;
import dev.slipway.model.build.BuildCommand;

/** Sends commands to requested builds, on {@code slipway.build.commands}. Joins the caller's transaction. */
public interface BuildCommands {

    /** Sends {@code command}, caused by the event in {@code cause}, once the transaction commits. */
    void send(BuildCommand command, Envelope cause);
}
