/**
 * What the history offers to its driving adapters: recording build events and filtering's
 * decisions (called by the Kafka consumers) and querying builds, logs and decisions (called by the
 * web controllers), with the query values and the errors they can meet.
 */
package dev.slipway.history.application.port.in;
