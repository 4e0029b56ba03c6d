package dev.slipway.filtering.application.port.out;

import dev.slipway.model.Envelope;
import dev.slipway.model.build.BuildTriggerEvent;

/** Announces decisions on {@code slipway.build.triggers}; joins the caller's transaction. */
public interface TriggerPublisher {

    /** Announces {@code trigger}, caused by the event in {@code cause}. */
    void publish(BuildTriggerEvent trigger, Envelope cause);
}
