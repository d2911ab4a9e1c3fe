package dev.todo.operator.resources.database;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.ManagedDatabaseSpec;
import dev.todo.operator.resources.shared.AppDeployment;
import dev.todo.operator.resources.dependent.ChildMetadata;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.dependent.Labels;
import dev.todo.operator.resources.shared.PodScheduling;
import dev.todo.operator.resources.shared.PodSecurity;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import dev.todo.operator.resources.dependent.TodoAppDependent;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;

/**
 * {@code <name>-postgres}: one PostgreSQL pod with its data on a volumeClaimTemplate. Runs the
 * official image as its own postgres user (UID/GID 999) with a read-only root filesystem: the data
 * directory is a subdirectory of the volume (PGDATA must not be a mount point, which holds
 * lost+found on many filesystems), and the socket and temporary directories are emptyDirs.
 */
// Its informer is the one the reconciler registers for StatefulSets (DataKeptOnDelete), not its own.
public class PostgresStatefulSet extends TodoAppDependent<StatefulSet> {
  public static final int PORT = 5432;
  static final String DATA_MOUNT = "/var/lib/postgresql/data";

  public PostgresStatefulSet() {
    super(StatefulSet.class, ChildNames::postgres);
  }

  @Override
  protected StatefulSet desired(TodoApp app, Context<TodoApp> context) {
    return build(app);
  }

  public static StatefulSet build(TodoApp app) {
    ManagedDatabaseSpec spec = app.getSpec().database().getManaged() != null
        ? app.getSpec().database().getManaged() : new ManagedDatabaseSpec();
    String credentials = ChildNames.postgresCredentials(app);
    var selector = Labels.selector(app, Component.DATABASE);
    StatefulSet statefulSet = new StatefulSetBuilder()
        .withMetadata(ChildMetadata.of(app, ChildNames.postgres(app), Component.DATABASE))
        .withNewSpec()
        .withReplicas(1)
        .withServiceName(ChildNames.postgres(app))
        // The data volume outlives the StatefulSet (and so the TodoApp) unless deleteDataOnRemoval says otherwise.
        .withNewPersistentVolumeClaimRetentionPolicy()
        .withWhenDeleted(spec.deleteDataOnRemoval() ? "Delete" : "Retain")
        .withWhenScaled("Retain")
        .endPersistentVolumeClaimRetentionPolicy()
        .withNewSelector().withMatchLabels(selector).endSelector()
        .withNewTemplate()
        .withNewMetadata().withLabels(Labels.of(app, Component.DATABASE)).endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withSecurityContext(PodSecurity.pod(PodSecurity.POSTGRES_UID))
        .addNewContainer()
        .withName("postgres")
        .withImage(spec.image())
        .withImagePullPolicy("IfNotPresent")
        .addNewPort().withName("postgres").withContainerPort(PORT).withProtocol("TCP").endPort()
        .withEnv(
            secretEnv("POSTGRES_USER", credentials, "username"),
            secretEnv("POSTGRES_PASSWORD", credentials, "password"),
            secretEnv("POSTGRES_DB", credentials, "database"),
            new EnvVar("PGDATA", DATA_MOUNT + "/pgdata", null))
        .withResources(AppDeployment.resources(spec.getResources(), "100m", "256Mi", "512Mi"))
        .withStartupProbe(pgIsReady(5, 60))
        .withLivenessProbe(pgIsReady(10, 6))
        .withReadinessProbe(pgIsReady(5, 3))
        .withSecurityContext(PodSecurity.container())
        .withVolumeMounts(
            new VolumeMountBuilder().withName("data").withMountPath(DATA_MOUNT).build(),
            new VolumeMountBuilder().withName("run").withMountPath("/var/run/postgresql").build(),
            new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build())
        .endContainer()
        .withVolumes(AppDeployment.emptyDir("run"), AppDeployment.emptyDir("tmp"))
        .endSpec()
        .endTemplate()
        .addNewVolumeClaimTemplate()
        .withNewMetadata().withName("data").withLabels(Labels.of(app, Component.DATABASE)).endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withStorageClassName(spec.getStorageClassName())
        .withNewResources().addToRequests("storage", new Quantity(spec.storage())).endResources()
        .endSpec()
        .endVolumeClaimTemplate()
        .endSpec()
        .build();
    // One pod: no default spread over zones (its volume stays in the zone it was created in anyway).
    PodScheduling.apply(statefulSet.getSpec().getTemplate(), spec, selector, false);
    return statefulSet;
  }

  private static EnvVar secretEnv(String name, String secret, String key) {
    return new EnvVarBuilder().withName(name)
        .withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key).endSecretKeyRef().endValueFrom()
        .build();
  }

  private static Probe pgIsReady(int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewExec()
        .withCommand(List.of("sh", "-c", "pg_isready -h 127.0.0.1 -p " + PORT + " -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\""))
        .endExec()
        .withPeriodSeconds(periodSeconds)
        .withTimeoutSeconds(5)
        .withFailureThreshold(failureThreshold)
        .withSuccessThreshold(1)
        .build();
  }
}
