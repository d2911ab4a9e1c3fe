package dev.todo.operator.render;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.todo.operator.model.SpecValidation;
import dev.todo.operator.model.TodoApp;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads TodoApps from a YAML manifest (several documents allowed; other kinds are skipped) strictly:
 * unknown fields and rule violations are errors, as the API server and the operator would report them.
 */
public final class TodoAppManifest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** A manifest that cannot become a valid TodoApp; the message says where and why. */
  public static class InvalidManifestException extends Exception {
    public InvalidManifestException(String message) {
      super(message);
    }
  }

  private TodoAppManifest() {
  }

  public static List<TodoApp> read(Reader reader, String source) throws InvalidManifestException {
    List<TodoApp> apps = new ArrayList<>();
    try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(reader)) {
      int document = 0;
      var docs = YAML.readValues(parser, JsonNode.class);
      while (docs.hasNext()) {
        document++;
        JsonNode node = docs.next();
        if (node == null || node.isNull() || node.isMissingNode()) {
          continue;
        }
        String kind = node.path("kind").asText();
        String apiVersion = node.path("apiVersion").asText();
        if (!"TodoApp".equals(kind)) {
          continue;
        }
        String expected = TodoApp.GROUP + "/" + TodoApp.VERSION;
        if (!expected.equals(apiVersion)) {
          throw new InvalidManifestException(source + " document " + document + ": apiVersion must be " + expected
              + ", not " + apiVersion);
        }
        TodoApp app;
        try {
          app = YAML.treeToValue(node, TodoApp.class);
        } catch (IOException e) {
          throw new InvalidManifestException(source + " document " + document + ": " + firstLine(e.getMessage()));
        }
        if (app.getMetadata() == null || app.getMetadata().getName() == null) {
          throw new InvalidManifestException(source + " document " + document + ": metadata.name is required");
        }
        if (app.getMetadata().getNamespace() == null) {
          app.getMetadata().setNamespace("default");
        }
        List<String> errors = SpecValidation.errors(app.getSpec());
        if (!errors.isEmpty()) {
          throw new InvalidManifestException(source + " TodoApp " + app.getMetadata().getName() + ": "
              + String.join("; ", errors));
        }
        apps.add(app);
      }
    } catch (IOException | RuntimeException e) {
      // Jackson's iterator reports syntax errors unchecked (RuntimeJsonMappingException).
      throw new InvalidManifestException(source + ": not valid YAML: " + firstLine(e.getMessage()));
    }
    if (apps.isEmpty()) {
      throw new InvalidManifestException(source + ": no TodoApp (apiVersion todo.dev/v1alpha1, kind TodoApp) found");
    }
    return apps;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
