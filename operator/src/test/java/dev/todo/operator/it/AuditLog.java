package dev.todo.operator.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The API server's audit log (one JSON event a line), read from a mark on: which requests a user made.
 * Only completed requests count (stage ResponseComplete), so a watch is counted once, when it ends,
 * and a write is counted once whatever its outcome.
 */
public final class AuditLog {
  public static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete", "deletecollection");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  AuditLog(Path file) {
    this.file = file;
  }

  /** One audited request. */
  public record Event(String user, String verb, String resource, String subresource, String namespace,
      String name, String apiGroup, String apiVersion, int code, String stage) {
    public boolean isWrite() {
      return WRITE_VERBS.contains(verb);
    }

    /** e.g. {@code patch deployments/app-backend -n ns (200)}. */
    @Override
    public String toString() {
      return verb + " " + resource + (subresource == null ? "" : "/" + subresource)
          + (name == null ? "" : "/" + name) + (namespace == null ? "" : " -n " + namespace) + " (" + code + ")";
    }
  }

  /** The current end of the log: pass it to {@link #since(long)} to see what happened afterwards. */
  public long mark() {
    try {
      return Files.exists(file) ? Files.size(file) : 0L;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every completed request logged after {@code mark}. */
  public List<Event> since(long mark) {
    List<Event> events = new ArrayList<>();
    if (!Files.exists(file)) {
      return events;
    }
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String text = new String(all, (int) Math.min(mark, all.length), (int) Math.max(0, all.length - mark),
        StandardCharsets.UTF_8);
    int lastNewline = text.lastIndexOf('\n');
    if (lastNewline < 0) {
      return events;
    }
    for (String line : text.substring(0, lastNewline).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode e = JSON.readTree(line);
        if (!"ResponseComplete".equals(e.path("stage").asText())) {
          continue;
        }
        JsonNode ref = e.path("objectRef");
        events.add(new Event(e.path("user").path("username").asText(), e.path("verb").asText(),
            text(ref, "resource"), text(ref, "subresource"), text(ref, "namespace"), text(ref, "name"),
            text(ref, "apiGroup"), text(ref, "apiVersion"), e.path("responseStatus").path("code").asInt(),
            e.path("stage").asText()));
      } catch (IOException ex) {
        throw new UncheckedIOException("Unreadable audit event: " + line, ex);
      }
    }
    return events;
  }

  /** The write requests {@code user} made after {@code mark}. */
  public List<Event> writesBy(String user, long mark) {
    return matching(mark, e -> user.equals(e.user()) && e.isWrite());
  }

  public List<Event> matching(long mark, Predicate<Event> filter) {
    return since(mark).stream().filter(filter).toList();
  }

  /** Writes by verb and resource, e.g. {@code {"create deployments": 2}}: for reports and benchmarks. */
  public static Map<String, Integer> histogram(List<Event> events) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Event e : events) {
      counts.merge(e.verb() + " " + e.resource() + (e.subresource() == null ? "" : "/" + e.subresource()), 1,
          Integer::sum);
    }
    return counts;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
