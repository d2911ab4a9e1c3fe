package dev.todo.operator.cache;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Set;
import java.util.function.Function;

/**
 * Event sources whose informers keep their objects in a {@link CompactItemStore}, one store per
 * informer. java-operator-sdk runs one informer per watched namespace and hands each of them the one
 * {@code ItemStore} of the configuration; a shared store would lose the objects of the other
 * namespaces at the first relist of one of them (fabric8 drops every key of the store that the
 * relist did not return). So the configuration here creates a new store each time it is asked for
 * one, which java-operator-sdk does once per namespace.
 */
public final class CompactCache {
  private CompactCache() {
  }

  /**
   * The same event source as {@code built} (name, namespaces, selectors, filters, the mapper from a
   * child to its TodoApp), cached compactly, that finds a TodoApp's child by the name {@code childName}
   * gives it. java-operator-sdk otherwise keeps an index from each TodoApp to its children in every
   * event source (~6 MiB at 1,000 TodoApps); with the name known, a lookup by name does the same.
   */
  public static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> eventSource(
      InformerEventSource<R, P> built, EventSourceContext<P> context, Function<P, String> childName) {
    return eventSource(built.configuration(), context, childName);
  }

  /** An event source configured as {@code config} says, cached compactly, finding each child by its name. */
  public static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> eventSource(
      InformerEventSourceConfiguration<R> config, EventSourceContext<P> context, Function<P, String> childName) {
    PrimaryToSecondaryMapper<P> byName = primary -> Set.of(
        new ResourceID(childName.apply(primary), primary.getMetadata().getNamespace()));
    return new InformerEventSource<>(
        configuration(config, context.getClient().getKubernetesSerialization(), byName), context);
  }

  /** An event source configured as {@code config} says, cached compactly. */
  public static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> eventSource(
      InformerEventSourceConfiguration<R> config, EventSourceContext<P> context) {
    return new InformerEventSource<>(configuration(config, context.getClient().getKubernetesSerialization(),
        config.getPrimaryToSecondaryMapper()), context);
  }

  static <R extends HasMetadata> InformerEventSourceConfiguration<R> configuration(
      InformerEventSourceConfiguration<R> built, KubernetesSerialization serialization,
      PrimaryToSecondaryMapper<?> primaryToSecondary) {
    InformerConfiguration<R> informer = storePerInformer(built.getInformerConfig(), serialization);
    return new InformerEventSourceConfiguration.DefaultInformerEventSourceConfiguration<>(
        built.getGroupVersionKind().orElse(null), primaryToSecondary,
        built.getSecondaryToPrimaryMapper(), informer, built.getKubernetesClient().orElse(null)) {
    };
  }

  static <R extends HasMetadata> InformerConfiguration<R> storePerInformer(InformerConfiguration<R> c,
      KubernetesSerialization serialization) {
    return new InformerConfiguration<>(c.getResourceClass(), c.getName(), c.getNamespaces(),
        c.getFollowControllerNamespaceChanges(), c.getLabelSelector(), c.getOnAddFilter(), c.getOnUpdateFilter(),
        c.getOnDeleteFilter(), c.getGenericFilter(), null, c.getInformerListLimit(), c.getFieldSelector()) {
      @Override
      public ItemStore<R> getItemStore() {
        return new CompactItemStore<>(getResourceClass(), serialization);
      }
    };
  }
}
