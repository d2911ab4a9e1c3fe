package dev.todo.operator.resources.dependent;

import dev.todo.operator.model.TodoApp;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/** Kubernetes Events on a TodoApp, so kubectl describe todoapp tells the story. */
public final class TodoAppEvents {
  private static final Logger LOG = Logger.getLogger(TodoAppEvents.class);
  public static final String SOURCE = "todo-operator";

  private TodoAppEvents() {
  }

  public static Event build(TodoApp app, String type, String reason, String message, Instant now) {
    String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
    return new EventBuilder()
        .withNewMetadata()
        .withName(app.getMetadata().getName() + "." + Long.toHexString(now.toEpochMilli())
            + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000)))
        .withNamespace(app.getMetadata().getNamespace())
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
            .withApiVersion(app.getApiVersion())
            .withKind(app.getKind())
            .withName(app.getMetadata().getName())
            .withNamespace(app.getMetadata().getNamespace())
            .withUid(app.getMetadata().getUid())
            .withResourceVersion(app.getMetadata().getResourceVersion())
            .build())
        .withType(type)
        .withReason(reason)
        .withMessage(message.length() > 1000 ? message.substring(0, 1000) : message)
        .withFirstTimestamp(time)
        .withLastTimestamp(time)
        .withCount(1)
        .withNewSource().withComponent(SOURCE).endSource()
        .withReportingComponent(SOURCE)
        .build();
  }

  /** Best effort: a refused Event must never fail a reconcile. */
  public static void emit(KubernetesClient client, TodoApp app, String type, String reason, String message) {
    try {
      client.v1().events().inNamespace(app.getMetadata().getNamespace())
          .resource(build(app, type, reason, message, Instant.now())).create();
    } catch (RuntimeException e) {
      LOG.debugf(e, "Could not record event %s on TodoApp %s", reason, app.getMetadata().getName());
    }
  }

  /** The Event every child the operator creates is recorded with: "Created KIND NAME". */
  public static void created(KubernetesClient client, TodoApp app, HasMetadata child) {
    emit(client, app, "Normal", "Created", "Created " + child.getKind() + " " + child.getMetadata().getName());
  }
}
