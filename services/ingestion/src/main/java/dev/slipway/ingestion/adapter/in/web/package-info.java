/**
 * The webhook endpoints ({@code POST /hooks/github}, {@code /hooks/gitea}, {@code /hooks/gitlab}):
 * HTTP-level checks (media type, the 25 MB limit, required headers), reading the raw body, and
 * turning outcomes into answers, RFC 9457 problem details for every refusal; and the operators'
 * {@code POST /hooks/deliveries/{id}/replay}, which reads the bearer token and answers the replay's
 * outcome. Depends on the application's inbound ports and the domain; no other adapter depends on
 * it, and it uses no outbound adapter.
 */
package dev.slipway.ingestion.adapter.in.web;
