package dev.todo.backend.assistant;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The backend with an OpenAI-compatible provider configured: the local stub. */
public class LlmProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StubOpenAiServer.class));
    }
}
