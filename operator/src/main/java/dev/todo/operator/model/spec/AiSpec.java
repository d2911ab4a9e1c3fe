package dev.todo.operator.model.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.SecretKeySelector;

/** The language model behind the chat assistant. */
public class AiSpec {
  @JsonPropertyDescription("none (the built-in offline assistant) or openai-compatible (OpenAI, Groq, Gemini,"
      + " Ollama...).")
  @Default("openai-compatible")
  private AiProvider provider = AiProvider.OPENAI_COMPATIBLE;

  @JsonPropertyDescription("Model name, e.g. gpt-4o-mini.")
  private String model;

  @JsonPropertyDescription("Base URL of the OpenAI-compatible API, e.g. https://api.groq.com/openai/v1."
      + " Absent: the provider's default (OpenAI).")
  @Pattern("^https?://.+")
  private String baseUrl;

  @JsonPropertyDescription("The Secret (same namespace) and key holding the API key.")
  private SecretKeySelector apiKeySecretRef;

  public AiProvider provider() {
    return provider != null ? provider : AiProvider.OPENAI_COMPATIBLE;
  }

  // <accessors>
  public AiProvider getProvider() {
    return provider;
  }

  public void setProvider(AiProvider provider) {
    this.provider = provider;
  }

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public SecretKeySelector getApiKeySecretRef() {
    return apiKeySecretRef;
  }

  public void setApiKeySecretRef(SecretKeySelector apiKeySecretRef) {
    this.apiKeySecretRef = apiKeySecretRef;
  }

  // </accessors>
}
