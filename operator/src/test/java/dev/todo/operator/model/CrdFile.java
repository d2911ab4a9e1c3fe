package dev.todo.operator.model;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * The CRD as committed in crds/: fabric8's crd-generator output for {@link TodoApp}, with the
 * printer columns in the order kubectl get should show them (the generator sorts them by name).
 */
public final class CrdFile {
  public static final String NAME = "todoapps.todo.dev-v1.yml";
  static final List<String> COLUMN_ORDER = List.of("Phase", "Backend", "Frontend", "URL", "Age");
  static final String HEADER = "# Generated from the Java model (operator/src/main/java/dev/todo/operator/model) by fabric8's\n"
      + "# crd-generator. Do not edit by hand; after changing the model run:\n"
      + "#   ./mvnw -pl operator test -Dtest=CrdIsUpToDateTest -Dtodo.crd.update=true\n";

  private CrdFile() {
  }

  public static String generate() {
    try {
      Path dir = Files.createTempDirectory("crd");
      new CRDGenerator()
          .customResourceClasses(TodoApp.class)
          .forCRDVersions("v1")
          .withPostProcessor(new io.fabric8.crdv2.generator.CRDPostProcessor() {
            @Override
            public HasMetadata process(HasMetadata crd, String version) {
              ((CustomResourceDefinition) crd).getSpec().getVersions().forEach(v -> v.getAdditionalPrinterColumns()
                  .sort(Comparator.comparingInt((CustomResourceColumnDefinition c) -> COLUMN_ORDER.indexOf(c.getName()))));
              return crd;
            }
          })
          .inOutputDir(dir.toFile())
          .generate();
      String generated = Files.readString(dir.resolve(NAME));
      CustomResourceDefinition crd = Serialization.unmarshal(generated, CustomResourceDefinition.class);
      String yaml = Serialization.asYaml(crd);
      return HEADER + (yaml.startsWith("---\n") ? yaml.substring(4) : yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** crds/ at the root of the repository, found from the module's working directory. */
  public static Path committed() {
    Path module = Path.of("").toAbsolutePath();
    return module.getParent().resolve("crds").resolve(NAME);
  }
}
