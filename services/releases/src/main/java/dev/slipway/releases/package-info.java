/**
 * The releases service. It has nothing to do yet: it starts on its default port, migrates its own
 * schema, joins the platform's Kafka cluster and reports itself healthy on
 * {@code /actuator/health}, so that deployments and the standalone platform already include it.
 * Its work arrives with a later issue. Nothing depends on this package.
 */
package dev.slipway.releases;
