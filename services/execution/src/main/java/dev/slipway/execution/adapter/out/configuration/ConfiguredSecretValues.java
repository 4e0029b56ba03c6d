package dev.slipway.execution.adapter.out.configuration;

import dev.slipway.execution.application.port.out.SecretValues;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Secret values from {@code slipway.execution.secrets}. A name is looked up as written first, then
 * relaxed (lower case, letters and digits only), because Spring drops underscores and keeps case
 * only inside brackets: {@code secrets.DEPLOY_KEY} binds as {@code DEPLOYKEY}, and an environment
 * variable {@code SLIPWAY_EXECUTION_SECRETS_NPM_TOKEN} as {@code npm.token}.
 */
final class ConfiguredSecretValues implements SecretValues {

    private final Map<String, String> exact;
    private final Map<String, String> relaxed = new HashMap<>();

    ConfiguredSecretValues(Map<String, String> values) {
        this.exact = Map.copyOf(values);
        values.forEach((name, value) -> relaxed.putIfAbsent(relax(name), value));
    }

    @Override
    public Optional<String> value(String name) {
        String value = exact.get(name);
        return Optional.ofNullable(value != null ? value : relaxed.get(relax(name)));
    }

    static String relax(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
