package dev.todo.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageJvmFlagsTest {
  @Test
  void readsTheFlagsBetweenJavaAndJar_acrossContinuationLines() {
    assertEquals(List.of("-Xmx1m", "-XX:+UseSerialGC", "-Dx=y"), ImageJvmFlags.parse("""
        FROM x
        ENTRYPOINT ["java", "-Xmx1m", \\
                    "-XX:+UseSerialGC", "-Dx=y", \\
                    "-jar", "/app.jar"]
        """));
  }

  @Test
  void theOperatorImageRunsALeanJvmThatExitsOnOutOfMemory() {
    List<String> flags = ImageJvmFlags.read(Path.of("Dockerfile"));
    assertTrue(flags.contains("-XX:+UseSerialGC"), flags.toString());
    assertTrue(flags.contains("-XX:+ExitOnOutOfMemoryError"), flags.toString());
    assertTrue(flags.stream().anyMatch(f -> f.startsWith("-XX:MaxRAMPercentage=")), flags.toString());
  }

  @Test
  void acceptsAJavaGivenByPath_asInAJlinkedRuntime() {
    assertEquals(List.of("-Xmx1m"), ImageJvmFlags.parse(
        "ENTRYPOINT [\"/opt/java/bin/java\", \"-Xmx1m\", \"-jar\", \"/app.jar\"]\n"));
  }

  @Test
  void leavesOutArchivesThatOnlyTheImageHolds() {
    assertTrue(ImageJvmFlags.isImageArchive("-XX:AOTCache=/deployments/app.aot"));
    assertTrue(ImageJvmFlags.isImageArchive("-XX:SharedArchiveFile=/deployments/app.jsa"));
    assertTrue(!ImageJvmFlags.isImageArchive("-XX:+UseCompactObjectHeaders"));
  }

  @Test
  void readsTheAllocatorSettingsOfEnvLines_andNothingElse() {
    assertEquals(java.util.Map.of("MALLOC_ARENA_MAX", "2", "MALLOC_TRIM_THRESHOLD_", "131072"),
        ImageJvmFlags.allocatorEnvironment("""
            FROM x
            ENV JAVA_HOME=/opt/java \\
                MALLOC_ARENA_MAX=2 \\
                LANG=C.UTF-8
            ENV MALLOC_TRIM_THRESHOLD_=131072
            RUN echo MALLOC_ARENA_MAX=8
            """));
  }

  @Test
  void theOperatorImageKeepsTwoMallocArenas() {
    assertEquals("2", ImageJvmFlags.allocatorEnvironment(Path.of("..")).get("MALLOC_ARENA_MAX"));
  }

  @Test
  void refusesAShellFormEntrypoint() {
    assertThrows(IllegalStateException.class, () -> ImageJvmFlags.parse("ENTRYPOINT java -jar app.jar\n"));
  }
}
