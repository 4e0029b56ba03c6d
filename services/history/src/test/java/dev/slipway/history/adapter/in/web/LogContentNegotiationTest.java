package dev.slipway.history.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogContentNegotiationTest {

    @Test
    void servesTextOnlyWhenTheClientRanksItFirst() {
        // curl -H 'Accept: text/plain' gets lines; browsers, scripts and wildcards get JSON.
        assertThat(BuildLogsController.prefersText("text/plain")).isTrue();
        assertThat(BuildLogsController.prefersText("text/*")).isTrue();
        assertThat(BuildLogsController.prefersText("text/plain, application/json")).isTrue();
        assertThat(BuildLogsController.prefersText("application/json;q=0.5, text/plain")).isTrue();

        assertThat(BuildLogsController.prefersText(null)).isFalse();
        assertThat(BuildLogsController.prefersText("*/*")).isFalse();
        assertThat(BuildLogsController.prefersText("application/json")).isFalse();
        assertThat(BuildLogsController.prefersText("application/json, text/plain")).isFalse();
        assertThat(BuildLogsController.prefersText("text/plain;q=0.2, */*;q=0.8")).isFalse();
        assertThat(BuildLogsController.prefersText("text/plain;q=0, application/json")).isFalse();
        assertThat(BuildLogsController.prefersText("not a media type;;")).isFalse();
    }
}
