/**
 * Slipway's event contracts: the topic names, the envelope headers every Kafka record carries,
 * and the catalogue that names each event on the wire by a logical {@code event-type} and
 * {@code event-version}, never by a Java class name.
 *
 * <p>This module is plain Java plus Jackson. Every service depends on it; it depends on no
 * service, and on nothing of Spring, Kafka or JPA.
 */
package dev.slipway.model;
