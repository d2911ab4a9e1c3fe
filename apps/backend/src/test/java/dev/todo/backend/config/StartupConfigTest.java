package dev.todo.backend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.todo.backend.auth.TokenService;
import dev.todo.backend.auth.User;

class StartupConfigTest {

    @Test
    void withoutJwtSecretTheBackendRefusesToStartAndSaysWhatToSet() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new TokenService(Optional.empty(), "todo-backend", Duration.ofDays(1)));
        assertTrue(e.getMessage().contains("JWT_SECRET is not set"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> new TokenService(Optional.of("short"), "todo-backend", Duration.ofDays(1)));
        assertTrue(e.getMessage().contains("at least 32"), e.getMessage());
    }

    @Test
    void tokensVerifyOnlyWithTheSameSecretAndIssuer() {
        TokenService one = new TokenService(Optional.of("a".repeat(32)), "todo-backend", Duration.ofDays(1));
        TokenService other = new TokenService(Optional.of("b".repeat(32)), "todo-backend", Duration.ofDays(1));
        String token = one.issue(new User(42, "x@y.z", "x"));
        assertEquals(Optional.of(new TokenService.Subject(42, "x@y.z")), one.verify(token));
        assertEquals(Optional.empty(), other.verify(token));
        assertEquals(Optional.empty(), one.verify("not-a-token"));
        TokenService expired = new TokenService(Optional.of("a".repeat(32)), "todo-backend", Duration.ofSeconds(-120));
        assertEquals(Optional.empty(), one.verify(expired.issue(new User(42, "x@y.z", "x"))));
    }

    @Test
    void logFormatAndCorsComeFromTheEnvironment() {
        EnvironmentDefaults json = new EnvironmentDefaults(Map.of("LOG_FORMAT", "json", "CORS_ORIGINS", "https://todo.example"));
        assertEquals("true", json.getValue("quarkus.log.console.json.enabled"));
        assertEquals("true", json.getValue("quarkus.http.cors.enabled"));
        assertEquals("https://todo.example", json.getValue("quarkus.http.cors.origins"));
        EnvironmentDefaults plain = new EnvironmentDefaults(Map.of());
        assertEquals("false", plain.getValue("quarkus.log.console.json.enabled"));
        assertEquals(null, plain.getValue("quarkus.http.cors.enabled"));
    }

    @Test
    void emptyAiVariablesCountAsUnset_asDockerComposeAndEnvFilesPassThem() {
        EnvironmentDefaults empty = new EnvironmentDefaults(Map.of("AI_API_KEY", "", "AI_BASE_URL", " ", "AI_MODEL", ""));
        assertEquals("not-configured", empty.getValue("quarkus.langchain4j.openai.api-key"));
        assertEquals("https://api.openai.com/v1/", empty.getValue("quarkus.langchain4j.openai.base-url"));
        assertEquals("gpt-4o-mini", empty.getValue("quarkus.langchain4j.openai.chat-model.model-name"));
        EnvironmentDefaults set = new EnvironmentDefaults(Map.of("AI_API_KEY", "sk-test", "AI_BASE_URL",
                "https://api.groq.com/openai/v1", "AI_MODEL", "llama-3.1-8b-instant"));
        assertEquals("sk-test", set.getValue("quarkus.langchain4j.openai.api-key"));
        assertEquals("https://api.groq.com/openai/v1", set.getValue("quarkus.langchain4j.openai.base-url"));
        assertEquals("llama-3.1-8b-instant", set.getValue("quarkus.langchain4j.openai.chat-model.model-name"));
    }
}
