package dev.slipway.ingestion;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator token, under {@code slipway.ingestion}.
 *
 * @param operatorToken      the token that {@code POST /hooks/deliveries/{id}/replay} requires as
 *                           {@code Authorization: Bearer}; unset or blank turns replaying off. From
 *                           {@code SLIPWAY_OPERATOR_TOKEN} in {@code ingestion.yml}.
 * @param operatorTokenLabel who or what holds the token, recorded with each replay; optional. From
 *                           {@code SLIPWAY_OPERATOR_TOKEN_LABEL}.
 */
@ConfigurationProperties("slipway.ingestion")
record OperatorProperties(String operatorToken, String operatorTokenLabel) {
}
