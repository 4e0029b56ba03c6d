package dev.slipway.model;

/**
 * Every event that Slipway puts on Kafka. Each topic's events implement one sealed interface
 * below this one ({@code ScmEvent}, {@code BuildTriggerEvent}, {@code BuildEvent},
 * {@code BuildLogEvent}, {@code BuildCommand}, {@code ReleaseEvent}), so that a consumer's {@code switch} over them is checked by the
 * compiler. Only {@link EventCatalog} says which records exist on the wire.
 */
public interface SlipwayEvent {

    /** The Kafka record key: ordering is guaranteed per key only. */
    String key();
}
