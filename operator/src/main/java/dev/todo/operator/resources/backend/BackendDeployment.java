package dev.todo.operator.resources.backend;

import dev.todo.operator.datasafety.DataSafety;
import dev.todo.operator.datasafety.DataSafetyInputs;
import dev.todo.operator.datasafety.JobOutcome;
import dev.todo.operator.datasafety.RolloutGate;
import dev.todo.operator.datasafety.RunningBackend;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.BackendSpec;
import dev.todo.operator.model.spec.DatabaseMode;
import dev.todo.operator.resources.database.PostgresOneOffJobs;
import dev.todo.operator.resources.shared.AppDeployment;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.shared.PodSecurity;
import dev.todo.operator.resources.shared.ReferencedSecrets;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import dev.todo.operator.resources.dependent.TodoAppDependent;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code <name>-backend}: the Deployment of the Todo API (docs/runtime-contract.md, backend image). */
public class BackendDeployment extends TodoAppDependent<Deployment> {
  public static final int PORT = 8080;
  public static final String DATA_DIR = "/data";

  public BackendDeployment() {
    super(Deployment.class, ChildNames::backend);
  }

  /**
   * On the Deployment: the backend image the operator last applied. An image change in the spec is
   * told from a hand edit of the pod template by this, to take a backup before upgrading.
   */
  public static final String IMAGE_ANNOTATION = "todo.dev/backend-image";
  /**
   * On the Deployment: the TodoApp generation that gave it the image of {@link #IMAGE_ANNOTATION}.
   * Carried over unchanged while the image stays, so that it names the rollout a backup is taken for.
   */
  public static final String IMAGE_SINCE_ANNOTATION = "todo.dev/backend-image-since-generation";

  @Override
  protected Deployment desired(TodoApp app, Context<TodoApp> context) {
    Deployment current = getSecondaryResource(app, context).orElse(null);
    return build(app, AppDeployment.observe(app, context, true),
        rolloutGate(app, PostgresOneOffJobs.of(app, context), current), current == null ? null : running(current));
  }

  public static Deployment build(TodoApp app, AppDeployment.Inputs inputs) {
    return build(app, inputs, RolloutGate.OPEN, null);
  }

  /**
   * What data safety allows the backend now, from the same decision the reconciler carried out before
   * the workflow (the Jobs it started are then in the cache, or the decision still holds for want of
   * them): the running image while the backup before an upgrade has not succeeded, and no Deployment
   * while the database is restored.
   */
  static RolloutGate rolloutGate(TodoApp app, List<Job> jobs, Deployment running) {
    return DataSafety.rolloutGate(app, new DataSafetyInputs(JobOutcome.of(jobs),
        running == null ? null : running(running), JobOutcome.TerminationMessages.NONE, Instant.now()));
  }

  /** The image the Deployment runs and the generation since which it does (its two annotations). */
  public static RunningBackend running(Deployment deployment) {
    var annotations = deployment.getMetadata().getAnnotations();
    String since = annotations == null ? null : annotations.get(IMAGE_SINCE_ANNOTATION);
    Long generation = null;
    if (since != null) {
      try {
        generation = Long.valueOf(since);
      } catch (NumberFormatException e) {
        generation = null; // edited by hand: the rollout is named as for an older Deployment
      }
    }
    return new RunningBackend(appliedImage(deployment), generation);
  }

  /** The image the Deployment last had applied (its annotation; its container's for older Deployments). */
  public static String appliedImage(Deployment deployment) {
    var annotations = deployment.getMetadata().getAnnotations();
    if (annotations != null && annotations.get(IMAGE_ANNOTATION) != null) {
      return annotations.get(IMAGE_ANNOTATION);
    }
    var containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    return containers.isEmpty() ? null : containers.get(0).getImage();
  }

  /** @param running the backend as it runs now, null before its Deployment exists */
  static Deployment build(TodoApp app, AppDeployment.Inputs inputs, RolloutGate gate, RunningBackend running) {
    BackendSpec spec = app.getSpec().backend();
    String image = gate.image(spec.image());
    boolean embedded = app.getSpec().database().mode() == DatabaseMode.EMBEDDED;
    List<Volume> volumes = new ArrayList<>();
    List<VolumeMount> mounts = new ArrayList<>();
    volumes.add(AppDeployment.emptyDir("tmp"));
    mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
    if (embedded) {
      volumes.add(new VolumeBuilder().withName("data")
          .withNewPersistentVolumeClaim().withClaimName(ChildNames.backendData(app)).endPersistentVolumeClaim()
          .build());
      mounts.add(new VolumeMountBuilder().withName("data").withMountPath(DATA_DIR).build());
    }
    Container container = new ContainerBuilder()
        .withName("backend")
        .withImage(image)
        .withImagePullPolicy(spec.imagePullPolicy().name())
        .addNewPort().withName("http").withContainerPort(PORT).withProtocol("TCP").endPort()
        .withEnv(env(app, embedded))
        .addNewEnvFrom().withNewConfigMapRef().withName(ChildNames.config(app)).endConfigMapRef().endEnvFrom()
        .withResources(AppDeployment.resources(spec.getResources(), "100m", "256Mi", "512Mi"))
        // Quarkus starts in seconds, but the first start migrates the schema: allow 5 minutes.
        .withStartupProbe(AppDeployment.httpProbe("/q/health/started", PORT, 5, 60))
        .withLivenessProbe(AppDeployment.httpProbe("/q/health/live", PORT, 10, 3))
        .withReadinessProbe(AppDeployment.httpProbe("/q/health/ready", PORT, 5, 3))
        .withLifecycle(AppDeployment.drainBeforeStop())
        .withSecurityContext(PodSecurity.container())
        .withVolumeMounts(mounts)
        .build();
    // The embedded H2 database lives on a ReadWriteOnce volume and holds a file lock: a surge pod could
    // neither mount the volume elsewhere nor open the database, and the rollout would hang. Recreate
    // stops the old pod first.
    Deployment deployment = AppDeployment.build(app, Component.BACKEND, ChildNames.backend(app), spec, container,
        volumes, inputs, embedded);
    Long since = running != null && image.equals(running.image()) && running.sinceGeneration() != null
        ? running.sinceGeneration() : app.getMetadata().getGeneration();
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(IMAGE_ANNOTATION, image);
    if (since != null) {
      annotations.put(IMAGE_SINCE_ANNOTATION, String.valueOf(since));
    }
    deployment.getMetadata().setAnnotations(annotations);
    return deployment;
  }

  static List<EnvVar> env(TodoApp app, boolean embedded) {
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar("PORT", String.valueOf(PORT), null));
    if (embedded) {
      env.add(new EnvVar("DATA_DIR", DATA_DIR, null));
    }
    for (ReferencedSecrets.Reference ref : ReferencedSecrets.of(app)) {
      env.add(new EnvVarBuilder().withName(ref.env())
          .withNewValueFrom().withNewSecretKeyRef().withName(ref.secretName()).withKey(ref.key()).endSecretKeyRef()
          .endValueFrom()
          .build());
    }
    env.addAll(app.getSpec().backend().env());
    return env;
  }

  /**
   * Creates the Deployment only once the Secrets the operator generates for it (JWT key, managed
   * database credentials) are in the operator's Secret cache. Created earlier, its first pods got a
   * config hash without them and rolled once a few seconds later, when the Secrets arrived. The
   * workflow creates those Secrets first (dependsOn), and a Secret just created is found in its own
   * informer at once (ReferencedSecrets.find), so a new TodoApp's backend is created in the same
   * reconcile as its Secrets; it used to wait for the next reconcile, queued behind every other new
   * TodoApp's first one (at 100 new TodoApps, the backends came 27-38 s after the first create). An
   * existing Deployment is always reconciled, so a regenerated Secret still rolls the pods. While
   * this is false JOSDK would delete the Deployment, but none exists yet. A new Deployment also waits
   * for the restore of spec.database.restoreFrom: a backend started first would create an empty schema,
   * and the restore refuses a database that holds tables.
   */
  public static class GeneratedSecretsSeen implements Condition<Deployment, TodoApp> {
    @Override
    public boolean isMet(DependentResource<Deployment, TodoApp> dependent, TodoApp app, Context<TodoApp> context) {
      return dependent.getSecondaryResource(app, context).isPresent()
          || !rolloutGate(app, PostgresOneOffJobs.of(app, context), null).waitForRestore()
          && ReferencedSecrets.of(app).stream().filter(ReferencedSecrets::isGenerated).allMatch(ref ->
              ReferencedSecrets.find(context, app, ref).isPresent());
    }
  }
}
