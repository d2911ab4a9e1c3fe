package dev.todo.operator.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The backend's AI_PROVIDER values. */
public enum AiProvider {
  @JsonProperty("none")
  NONE("none"),
  @JsonProperty("openai-compatible")
  OPENAI_COMPATIBLE("openai-compatible");

  private final String value;

  AiProvider(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}
