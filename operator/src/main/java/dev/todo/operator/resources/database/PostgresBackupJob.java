package dev.todo.operator.resources.database;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.ManagedDatabaseSpec;
import dev.todo.operator.resources.shared.AppDeployment;
import dev.todo.operator.resources.dependent.ChildMetadata;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.dependent.Labels;
import dev.todo.operator.resources.shared.PodSecurity;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code <name>-backup-<hash>}: one pg_dump of the managed database onto the {@code <name>-backups}
 * volume, run once. Started by the operator for an on-demand backup (annotation todo.dev/backup-now,
 * one Job per value) and before a backend image change; the CronJob runs the same pod. The pod uses
 * the database's own image (its pg_dump matches the server), the generated credentials Secret and the
 * same restricted security context as the database.
 */
public final class PostgresBackupJob {
  public static final String BACKUP_DIR = "/backups";
  /** Annotations on a backup Job: what started it, and for which annotation value or image. */
  public static final String TRIGGER = "todo.dev/backup-trigger";
  public static final String TRIGGER_VALUE = "todo.dev/backup-for";
  public static final String ON_DEMAND = "on-demand";
  public static final String BEFORE_UPGRADE = "before-upgrade";
  public static final String SCHEDULED = "scheduled";
  static final long BACKUP_DEADLINE_SECONDS = 3600;

  private PostgresBackupJob() {
  }

  /** The Job of the on-demand backup asked for with todo.dev/backup-now=value. */
  public static Job onDemand(TodoApp app, String value) {
    return build(app, name(app, "backup-" + hash(value)), ON_DEMAND, value);
  }

  /**
   * The Job of the backup taken before the backend rolls from one image to another. {@code rollout}
   * identifies this rollout (the images and the generation since which the backend runs the old one),
   * so that going back to an image, and to the next one again later, takes a new backup each time.
   */
  public static Job beforeUpgrade(TodoApp app, String image, String rollout) {
    return build(app, name(app, "backup-upgrade-" + hash(rollout)), BEFORE_UPGRADE, image);
  }

  static Job build(TodoApp app, String name, String trigger, String value) {
    var meta = ChildMetadata.of(app, name, Component.BACKUP);
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(TRIGGER, trigger);
    annotations.put(TRIGGER_VALUE, value.length() > 200 ? value.substring(0, 200) : value);
    meta.setAnnotations(annotations);
    return new JobBuilder()
        .withMetadata(meta)
        .withNewSpec()
        .withBackoffLimit(0)
        .withActiveDeadlineSeconds(BACKUP_DEADLINE_SECONDS)
        .withTemplate(podTemplate(app))
        .endSpec()
        .build();
  }

  /** The backup pod, shared with the CronJob. */
  static PodTemplateSpec podTemplate(TodoApp app) {
    List<EnvVar> env = new ArrayList<>(connection(app));
    env.add(new EnvVar("BACKUP_DIR", BACKUP_DIR, null));
    env.add(new EnvVar("RETENTION", String.valueOf(managed(app).backup().retention()), null));
    return pod(app, "backup", BackupScripts.BACKUP, env, ChildNames.backups(app), false);
  }

  /**
   * A pod of the database's image that runs script once with the backup volume claim at /backups: run
   * as the image's postgres user under the restricted profile, reporting through its termination message.
   */
  static PodTemplateSpec pod(TodoApp app, String container, String script, List<EnvVar> env, String claim,
      boolean readOnlyVolume) {
    Boolean readOnly = readOnlyVolume ? Boolean.TRUE : null;
    return new PodTemplateSpecBuilder()
        .withNewMetadata().withLabels(Labels.of(app, Component.BACKUP)).endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withSecurityContext(PodSecurity.pod(PodSecurity.POSTGRES_UID))
        .addNewContainer()
        .withName(container)
        .withImage(managed(app).image())
        .withImagePullPolicy("IfNotPresent")
        .withCommand("sh", "-c", script)
        .withEnv(env)
        .withResources(AppDeployment.resources(null, "50m", "64Mi", "256Mi"))
        .withSecurityContext(PodSecurity.container())
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withVolumeMounts(
            new VolumeMountBuilder().withName("backups").withMountPath(BACKUP_DIR).withReadOnly(readOnly).build(),
            new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build())
        .endContainer()
        .withVolumes(new VolumeBuilder().withName("backups")
                .withNewPersistentVolumeClaim().withClaimName(claim).withReadOnly(readOnly).endPersistentVolumeClaim()
                .build(),
            AppDeployment.emptyDir("tmp"))
        .endSpec()
        .build();
  }

  /** libpq's variables: the database Service and the generated credentials, never inlined. */
  static List<EnvVar> connection(TodoApp app) {
    String credentials = ChildNames.postgresCredentials(app);
    return List.of(
        new EnvVar("PGHOST", ChildNames.postgres(app), null),
        new EnvVar("PGPORT", String.valueOf(PostgresStatefulSet.PORT), null),
        secretEnv("PGUSER", credentials, "username"),
        secretEnv("PGPASSWORD", credentials, "password"),
        secretEnv("PGDATABASE", credentials, "database"));
  }

  static ManagedDatabaseSpec managed(TodoApp app) {
    return app.getSpec().database().getManaged() != null ? app.getSpec().database().getManaged()
        : new ManagedDatabaseSpec();
  }

  private static EnvVar secretEnv(String name, String secret, String key) {
    return new EnvVarBuilder().withName(name)
        .withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key).endSecretKeyRef().endValueFrom()
        .build();
  }

  /** {@code <todoapp>-<suffix>}, within the 63 characters of the job-name label its pods get. */
  static String name(TodoApp app, String suffix) {
    String prefix = app.getMetadata().getName();
    int room = 63 - suffix.length() - 1;
    if (prefix.length() > room) {
      prefix = prefix.substring(0, room).replaceAll("[-.]+$", "");
    }
    return prefix + "-" + suffix;
  }

  static String hash(String value) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
