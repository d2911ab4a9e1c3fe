package dev.todo.operator.resources.shared;

import dev.todo.operator.resources.dependent.ChildMetadata;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.SharedInformers;
import dev.todo.operator.cache.CompactCache;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.TodoAppSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecretKeySelectorBuilder;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Secrets the backend reads (database URL, JWT key, AI key), whether the user's or generated,
 * and the informer that reconciles a TodoApp again when one of them changes, so the pods roll
 * (see {@link ConfigHash}) and the status names a missing Secret or key.
 */
public final class ReferencedSecrets {
  public static final String EVENT_SOURCE = "referenced-secrets";
  static final String INDEX = "todo.dev/referenced-secrets";

  public static final String JWT_KEY = "jwt-secret";
  public static final String DATABASE_URL_KEY = "url";

  /** What a reference is for, so a status message can say which spec field to fix. */
  public record Reference(String env, String field, SecretKeySelector selector) {
    public String secretName() {
      return selector.getName();
    }

    public String key() {
      return selector.getKey();
    }
  }

  private ReferencedSecrets() {
  }

  /** Every Secret key the backend's environment reads, in env order. */
  public static List<Reference> of(TodoApp app) {
    TodoAppSpec spec = app.getSpec();
    List<Reference> refs = new ArrayList<>();
    switch (spec.database().mode()) {
      case EXTERNAL -> refs.add(new Reference("DATABASE_URL", "spec.database.external.secretKeyRef",
          spec.getDatabase().getExternal().getSecretKeyRef()));
      case MANAGED -> refs.add(new Reference("DATABASE_URL", "generated",
          selector(ChildNames.postgresCredentials(app), DATABASE_URL_KEY)));
      case EMBEDDED -> {
        // no URL: the backend uses its on-disk database under DATA_DIR
      }
    }
    if (spec.getAuth() != null && spec.getAuth().getJwtSecretRef() != null) {
      refs.add(new Reference("JWT_SECRET", "spec.auth.jwtSecretRef", spec.getAuth().getJwtSecretRef()));
    } else {
      refs.add(new Reference("JWT_SECRET", "generated", selector(ChildNames.jwtSecret(app), JWT_KEY)));
    }
    if (spec.getAi() != null && spec.getAi().getApiKeySecretRef() != null) {
      refs.add(new Reference("AI_API_KEY", "spec.ai.apiKeySecretRef", spec.getAi().getApiKeySecretRef()));
    }
    return refs;
  }

  /** True when the operator itself creates the referenced Secret. */
  public static boolean isGenerated(Reference ref) {
    return "generated".equals(ref.field());
  }

  static SecretKeySelector selector(String name, String key) {
    return new SecretKeySelectorBuilder().withName(name).withKey(key).build();
  }

  public static InformerEventSource<Secret, TodoApp> eventSource(EventSourceContext<TodoApp> context) {
    context.getPrimaryCache().addIndexer(INDEX, app -> of(app).stream()
        .map(ref -> indexKey(app.getMetadata().getNamespace(), ref.secretName()))
        .distinct()
        .toList());
    var config = InformerEventSourceConfiguration.from(Secret.class, TodoApp.class)
        .withName(EVENT_SOURCE)
        .withNamespacesInheritedFromController()
        // A TodoApp's Secrets are found by their names (no index from TodoApps to Secrets).
        .withPrimaryToSecondaryMapper((TodoApp app) -> of(app).stream()
            .filter(ref -> ref.secretName() != null)
            .map(ref -> new ResourceID(ref.secretName(), app.getMetadata().getNamespace()))
            .collect(Collectors.toSet()))
        .withSecondaryToPrimaryMapper(secret -> context.getPrimaryCache()
            .byIndex(INDEX, indexKey(secret.getMetadata().getNamespace(), secret.getMetadata().getName()))
            .stream()
            .map(ResourceID::fromResource)
            .collect(Collectors.toSet()))
        .build();
    return CompactCache.eventSource(config, context);
  }

  private static String indexKey(String namespace, String name) {
    return namespace + "/" + name;
  }

  /** The Secret from the informer's cache; empty when it does not exist (or the informer has not seen it yet). */
  public static Optional<Secret> find(Context<TodoApp> context, String namespace, String name) {
    InformerEventSource<Secret, TodoApp> source = context.eventSourceRetriever()
        .getEventSourceFor(Secret.class, EVENT_SOURCE) instanceof InformerEventSource<Secret, TodoApp> s ? s : null;
    return source == null ? Optional.empty() : source.get(new ResourceID(name, namespace));
  }

  /**
   * The Secret of a reference. A generated one is also looked up in the generated Secrets' own informer
   * ({@link SharedInformers#GENERATED_SECRETS}), which holds a Secret the operator has just created before
   * any watch reports it: the backend Deployment, after those Secrets in the workflow, is then built with
   * their values in the very reconcile that created them.
   */
  public static Optional<Secret> find(Context<TodoApp> context, TodoApp app, Reference ref) {
    String namespace = app.getMetadata().getNamespace();
    Optional<Secret> seen = find(context, namespace, ref.secretName());
    if (seen.isPresent() || !isGenerated(ref)) {
      return seen;
    }
    return context.eventSourceRetriever().getEventSourceFor(Secret.class, SharedInformers.GENERATED_SECRETS)
        instanceof InformerEventSource<Secret, TodoApp> generated
        ? generated.get(new ResourceID(ref.secretName(), namespace)).filter(s -> ChildMetadata.ownedBy(app, s))
        : Optional.empty();
  }

  /** The decoded value of each reference ("secret/name/key" to value, null when absent), for the hash. */
  public static Map<String, String> values(Context<TodoApp> context, TodoApp app) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Reference ref : of(app)) {
      String value = find(context, app, ref)
          .map(secret -> decodedValue(secret, ref.key()))
          .orElse(null);
      values.put("secret/" + ref.secretName() + "/" + ref.key(), value);
    }
    return values;
  }

  public static String decodedValue(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().get(key) != null) {
      return new String(Base64.getDecoder().decode(secret.getData().get(key)));
    }
    if (secret.getStringData() != null) {
      return secret.getStringData().get(key);
    }
    return null;
  }
}
