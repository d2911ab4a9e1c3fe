package dev.todo.backend.assistant;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which assistant answers: the LLM when AI_PROVIDER=openai-compatible (the default once
 * AI_BASE_URL or AI_API_KEY is set), else the built-in offline assistant.
 */
@io.quarkus.runtime.Startup
@ApplicationScoped
public class AssistantMode {

    private final boolean llm;
    private final String model;

    @Inject
    public AssistantMode(@ConfigProperty(name = "todo.ai.provider") Optional<String> provider,
            @ConfigProperty(name = "todo.ai.base-url") Optional<String> baseUrl,
            @ConfigProperty(name = "todo.ai.api-key") Optional<String> apiKey,
            @ConfigProperty(name = "quarkus.langchain4j.openai.chat-model.model-name") String model) {
        String p = provider.map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse("");
        this.llm = switch (p) {
            case "none", "offline" -> false;
            case "" -> baseUrl.filter(s -> !s.isBlank()).isPresent() || apiKey.filter(s -> !s.isBlank()).isPresent();
            case "openai-compatible", "openai" -> true;
            default -> throw new IllegalStateException("AI_PROVIDER must be 'none' or 'openai-compatible', got '" + p + "'");
        };
        this.model = model;
    }

    public boolean llm() {
        return llm;
    }

    public String model() {
        return llm ? model : "built-in";
    }
}
