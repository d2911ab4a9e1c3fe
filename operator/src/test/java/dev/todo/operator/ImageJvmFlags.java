package dev.todo.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVM flags of the operator's image, read from the ENTRYPOINT of {@code operator/Dockerfile},
 * so that the tests and benchmarks that start the packaged operator run it as the image does.
 */
public final class ImageJvmFlags {
  private ImageJvmFlags() {
  }

  /**
   * The image's flags as the operator runs them in a pod under the chart's 512Mi memory limit
   * ({@code -XX:MaxRAM=512m} stands for the limit), from the repository at {@code repoRoot}.
   */
  public static List<String> underChartLimit(Path repoRoot) {
    List<String> flags = new java.util.ArrayList<>(List.of("-XX:MaxRAM=512m"));
    read(repoRoot.resolve("operator/Dockerfile")).stream().filter(f -> !isImageArchive(f)).forEach(flags::add);
    return List.copyOf(flags);
  }

  /**
   * A class-data archive or AOT cache made when the image is built ({@code -XX:AOTCache=...},
   * {@code -XX:SharedArchiveFile=...}): the file exists only in the image, and one made by another
   * JDK build is refused, so a local run leaves it out (operator/bench/startup.sh measures archives).
   */
  static boolean isImageArchive(String flag) {
    return flag.startsWith("-XX:AOTCache=") || flag.startsWith("-XX:SharedArchiveFile=");
  }

  /**
   * The image's settings of the native allocator ({@code ENV MALLOC_...=...} in
   * {@code operator/Dockerfile}): they shape the JVM's footprint as much as its flags do, so a
   * process started like the image gets them too.
   */
  public static Map<String, String> allocatorEnvironment(Path repoRoot) {
    try {
      return allocatorEnvironment(Files.readString(repoRoot.resolve("operator/Dockerfile")));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the operator's Dockerfile under " + repoRoot, e);
    }
  }

  static Map<String, String> allocatorEnvironment(String dockerfile) {
    Map<String, String> env = new LinkedHashMap<>();
    Arrays.stream(joinContinuations(dockerfile).split("\\r?\\n")).map(String::strip)
        .filter(l -> l.startsWith("ENV ")).flatMap(l -> Arrays.stream(l.substring(4).strip().split("\\s+")))
        .filter(pair -> pair.startsWith("MALLOC_") && pair.contains("="))
        .forEach(pair -> env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1)));
    return Map.copyOf(env);
  }

  private static String joinContinuations(String dockerfile) {
    return dockerfile.replaceAll("\\\\\\r?\\n", " ");
  }

  /** The arguments between {@code java} and {@code -jar} in the Dockerfile at {@code dockerfile}. */
  public static List<String> read(Path dockerfile) {
    try {
      return parse(Files.readString(dockerfile));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the operator's Dockerfile " + dockerfile, e);
    }
  }

  static List<String> parse(String dockerfile) {
    String joined = joinContinuations(dockerfile);
    String entrypoint = Arrays.stream(joined.split("\\r?\\n")).map(String::strip)
        .filter(l -> l.startsWith("ENTRYPOINT ")).reduce((first, last) -> last)
        .orElseThrow(() -> new IllegalStateException("The operator's Dockerfile has no ENTRYPOINT"));
    List<String> command;
    try {
      command = Arrays.asList(new ObjectMapper().readValue(entrypoint.substring("ENTRYPOINT ".length()),
          String[].class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The operator's ENTRYPOINT is not in exec form: " + entrypoint, e);
    }
    int jar = command.indexOf("-jar");
    if (command.isEmpty() || !(command.get(0).equals("java") || command.get(0).endsWith("/java")) || jar < 0) {
      throw new IllegalStateException("The operator's ENTRYPOINT is not `java <flags> -jar <jar>`: " + command);
    }
    return List.copyOf(command.subList(1, jar));
  }
}
