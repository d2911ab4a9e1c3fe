package dev.todo.operator.resources.dependent;

import dev.todo.operator.cache.CompactCache;
import dev.todo.operator.model.TodoApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One informer per kind for the kinds several children share: the three Services, the three
 * NetworkPolicies, the two Deployments and the two generated Secrets of every TodoApp. Each informer
 * is a watch and a cache of its own; one per kind instead of one per child is 6 fewer watches to
 * open at start and to keep. The children's dependents use them by name ({@code useEventSourceWithName})
 * and find their own object in them by its name ({@link ChildDependent}).
 *
 * <p>Not shared: the autoscalers and disruption budgets (their informers start only where their API
 * is served), the two volume claims (the backup volume has no owner reference to map it by) and the
 * Secrets the backend references (every Secret of the namespace, the user's included: {@link dev.todo.operator.resources.shared.ReferencedSecrets}).
 */
public final class SharedInformers {
  public static final String SERVICES = "services";
  public static final String NETWORK_POLICIES = "network-policies";
  public static final String DEPLOYMENTS = "deployments";
  public static final String GENERATED_SECRETS = "generated-secrets";

  private SharedInformers() {
  }

  public static List<EventSource<?, TodoApp>> eventSources(EventSourceContext<TodoApp> context) {
    return List.of(
        informer(context, Service.class, SERVICES, ChildNames::backend, ChildNames::frontend, ChildNames::postgres),
        informer(context, NetworkPolicy.class, NETWORK_POLICIES, ChildNames::backend, ChildNames::frontend,
            ChildNames::postgres),
        informer(context, Deployment.class, DEPLOYMENTS, ChildNames::backend, ChildNames::frontend),
        informer(context, Secret.class, GENERATED_SECRETS, ChildNames::jwtSecret, ChildNames::postgresCredentials));
  }

  /** The operator's objects of one kind (label managed-by), mapped to their TodoApp by owner reference. */
  @SafeVarargs
  static <R extends HasMetadata> InformerEventSource<R, TodoApp> informer(EventSourceContext<TodoApp> context,
      Class<R> kind, String name, Function<TodoApp, String>... childNames) {
    var config = InformerEventSourceConfiguration.from(kind, TodoApp.class)
        .withName(name)
        .withNamespacesInheritedFromController()
        .withLabelSelector(Labels.MANAGED)
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(TodoApp.class, false))
        .withPrimaryToSecondaryMapper((TodoApp app) -> Stream.of(childNames)
            .map(child -> new ResourceID(child.apply(app), app.getMetadata().getNamespace()))
            .collect(Collectors.toSet()))
        .build();
    return CompactCache.eventSource(config, context);
  }
}
