package dev.todo.backend.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Quarkus keys derived from the environment variables of the runtime contract that do not map
 * one to one: {@code LOG_FORMAT=json}, {@code CORS_ORIGINS} and the OpenAI-compatible client's
 * {@code AI_*} settings. A variable set to an empty string counts as unset, as docker-compose and
 * {@code .env} files produce them (an empty {@code AI_API_KEY=} made the start fail with
 * "defined as the empty String"). Sits below the environment (ordinal 300) so an explicit
 * {@code QUARKUS_*} variable still wins.
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
        values.put("quarkus.langchain4j.openai.api-key", nonBlank(env, "AI_API_KEY", "not-configured"));
        values.put("quarkus.langchain4j.openai.base-url", nonBlank(env, "AI_BASE_URL", "https://api.openai.com/v1/"));
        values.put("quarkus.langchain4j.openai.chat-model.model-name", nonBlank(env, "AI_MODEL", "gpt-4o-mini"));
    }

    private static String nonBlank(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
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
