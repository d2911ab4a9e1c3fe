package dev.todo.operator.render;

import dev.todo.operator.model.TodoApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code render -f FILE} (or {@code -f -} for standard input): prints, as YAML, every object the
 * operator would create for the TodoApps in FILE. No cluster is contacted. Exit code 0 on success,
 * 1 for an invalid manifest, 2 for a usage error.
 */
public final class RenderCommand {
  static final String USAGE = "usage: render -f <todoapp.yaml | ->";

  private RenderCommand() {
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 2 || !("-f".equals(args[0]) || "--filename".equals(args[0]))) {
      err.println(USAGE);
      return 2;
    }
    String file = args[1];
    List<TodoApp> apps;
    try (Reader reader = "-".equals(file)
        ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
        : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
      apps = TodoAppManifest.read(reader, file);
    } catch (NoSuchFileException e) {
      err.println("error: " + file + ": no such file");
      return 1;
    } catch (IOException e) {
      err.println("error: " + file + ": " + e.getMessage());
      return 1;
    } catch (TodoAppManifest.InvalidManifestException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
    out.print(render(apps));
    return 0;
  }

  public static String render(List<TodoApp> apps) {
    StringBuilder yaml = new StringBuilder();
    for (TodoApp app : apps) {
      yaml.append("# Children of TodoApp ").append(app.getMetadata().getNamespace()).append('/')
          .append(app.getMetadata().getName())
          .append(" as the operator builds them. On a cluster each also gets an ownerReference to the TodoApp,\n")
          .append("# and generated Secret values are random (placeholders here).\n");
      for (HasMetadata child : RenderedChildren.of(app)) {
        String doc = Serialization.asYaml(child);
        yaml.append(doc.startsWith("---") ? doc : "---\n" + doc);
      }
    }
    return yaml.toString();
  }
}
