package dev.todo.operator.model;

import dev.todo.operator.model.spec.AiProvider;
import dev.todo.operator.model.spec.AiSpec;
import dev.todo.operator.model.spec.AutoscalingSpec;
import dev.todo.operator.model.spec.BackupSpec;
import dev.todo.operator.model.spec.DatabaseMode;
import dev.todo.operator.model.spec.IngressSpec;
import dev.todo.operator.model.spec.WorkloadSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules the CRD's CEL expressions state, checked again by the operator: Kubernetes before 1.25
 * ignores x-kubernetes-validations, and a few rules need more than one field. Each message names
 * the field to fix.
 */
public final class SpecValidation {
  private SpecValidation() {
  }

  public static List<String> errors(TodoAppSpec spec) {
    List<String> errors = new ArrayList<>();
    if (spec == null) {
      return errors;
    }
    if (spec.getDatabase() != null && spec.getDatabase().modesSet() > 1) {
      errors.add("spec.database: set exactly one of external, managed or embedded");
    }
    if (spec.database().mode() == DatabaseMode.EMBEDDED
        && (spec.backend().replicas() > 1 || spec.backend().autoscaling().enabled())) {
      errors.add("spec.database.embedded runs inside a single backend pod: set spec.backend.replicas to 1 and"
          + " spec.backend.autoscaling.enabled to false, or use spec.database.managed or spec.database.external");
    }
    if (spec.database().mode() == DatabaseMode.EXTERNAL) {
      checkSelector(errors, "spec.database.external.secretKeyRef", spec.getDatabase().getExternal().getSecretKeyRef());
    }
    if (spec.getDatabase() != null && spec.getDatabase().getRestoreFrom() != null
        && spec.database().mode() != DatabaseMode.MANAGED) {
      errors.add("spec.database.restoreFrom loads a dump into the PostgreSQL the operator runs: set"
          + " spec.database.managed, or remove restoreFrom");
    }
    if (spec.database().mode() == DatabaseMode.MANAGED) {
      var backup = spec.getDatabase().getManaged().backup();
      if (backup.scheduled() && !backup.getSchedule().matches(BackupSpec.CRON)) {
        errors.add("spec.database.managed.backup.schedule \"" + backup.getSchedule() + "\" is not a cron expression"
            + " with five fields (minute hour day-of-month month day-of-week), e.g. \"0 3 * * *\", or a macro"
            + " such as @daily");
      }
      if (backup.retention() < 1) {
        errors.add("spec.database.managed.backup.retention must be at least 1");
      }
    }
    checkPods(errors, "spec.backend", spec.backend());
    checkPods(errors, "spec.frontend", spec.frontend());
    if (spec.getDatabase() != null && spec.getDatabase().getManaged() != null) {
      checkPods(errors, "spec.database.managed", spec.getDatabase().getManaged());
    }
    checkAutoscaling(errors, "spec.backend.autoscaling", spec.backend().autoscaling());
    checkAutoscaling(errors, "spec.frontend.autoscaling", spec.frontend().autoscaling());
    if (spec.getAuth() != null && spec.getAuth().getJwtSecretRef() != null) {
      checkSelector(errors, "spec.auth.jwtSecretRef", spec.getAuth().getJwtSecretRef());
    }
    AiSpec ai = spec.getAi();
    if (ai != null) {
      if (ai.getApiKeySecretRef() != null) {
        checkSelector(errors, "spec.ai.apiKeySecretRef", ai.getApiKeySecretRef());
      }
      if (ai.provider() == AiProvider.OPENAI_COMPATIBLE && ai.getApiKeySecretRef() == null && ai.getBaseUrl() == null) {
        errors.add("spec.ai: the openai-compatible provider needs spec.ai.apiKeySecretRef (OpenAI, Groq, Gemini)"
            + " or spec.ai.baseUrl (a local server such as Ollama); remove spec.ai for the offline assistant");
      }
    }
    IngressSpec ingress = spec.ingress();
    if (ingress.enabled() && ingress.getTls() != null && ingress.getHost() == null) {
      errors.add("spec.ingress.tls needs spec.ingress.host: the certificate is issued for a host name");
    }
    return errors;
  }

  /** The operator's pod labels select the pods, its annotation rolls them: a user's value may not replace them. */
  private static void checkPods(List<String> errors, String field, WorkloadSpec workload) {
    List<String> labels = WorkloadSpec.RESERVED_POD_LABELS.stream().filter(workload.podLabels()::containsKey).toList();
    if (!labels.isEmpty()) {
      errors.add(field + ".podLabels cannot set " + String.join(", ", labels) + ": the operator's labels select"
          + " the pods (app.kubernetes.io/name, instance, component, part-of, managed-by); use other keys");
    }
    if (workload.podAnnotations().containsKey(WorkloadSpec.RESERVED_POD_ANNOTATION)) {
      errors.add(field + ".podAnnotations cannot set " + WorkloadSpec.RESERVED_POD_ANNOTATION + ": the operator's"
          + " annotation that rolls the pods when their configuration changes");
    }
  }

  private static void checkAutoscaling(List<String> errors, String field, AutoscalingSpec autoscaling) {
    if (autoscaling.minReplicas() > autoscaling.maxReplicas()) {
      errors.add(field + ".minReplicas (" + autoscaling.minReplicas() + ") must not be greater than maxReplicas ("
          + autoscaling.maxReplicas() + ")");
    }
  }

  private static void checkSelector(List<String> errors, String field, SecretKeySelector selector) {
    if (selector == null || isBlank(selector.getName()) || isBlank(selector.getKey())) {
      errors.add(field + " needs both name (the Secret) and key");
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
