/**
 * What a webhook means, with no framework around it: each git host's signature check and parser
 * (pure functions from headers and body to a typed SCM event or {@code Ignored(reason)}), the
 * verdicts a delivery can get and the reasons it can be rejected; and, for replays, the operator
 * token, how a stored delivery is named and why a replay can be refused. Depends on shared-model and
 * Jackson's tree model only; everything else in the service may depend on it, it on nothing of
 * the service.
 */
package dev.slipway.ingestion.domain;
