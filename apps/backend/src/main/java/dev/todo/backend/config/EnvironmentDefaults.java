package dev.todo.backend.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Quarkus keys derived from the environment variables of the runtime contract that do not map
 * one to one: {@code LOG_FORMAT=json} and {@code CORS_ORIGINS}. Sits below the environment
 * (ordinal 300) so an explicit {@code QUARKUS_*} variable still wins.
 */
public class EnvironmentDefaults implements ConfigSource {

    private final Map<String, String> values = new HashMap<>();

    public EnvironmentDefaults() {
        this(System.getenv());
    }

    EnvironmentDefaults(Map<String, String> env) {
        values.put("quarkus.log.console.json.enabled",
                String.valueOf("json".equalsIgnoreCase(env.getOrDefault("LOG_FORMAT", "").trim())));
        String origins = env.getOrDefault("CORS_ORIGINS", "").trim();
        if (!origins.isEmpty()) {
            values.put("quarkus.http.cors.enabled", "true");
            values.put("quarkus.http.cors.origins", origins);
            values.put("quarkus.http.cors.access-control-allow-credentials", "true");
        }
    }

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "todo-environment-defaults";
    }

    @Override
    public int getOrdinal() {
        return 275;
    }
}
