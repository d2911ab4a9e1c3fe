package dev.todo.operator.resources.backend;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.MonitoringSpec;
import dev.todo.operator.resources.dependent.ChildMetadata;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.dependent.Labels;
import dev.todo.operator.resources.dependent.TodoAppDependent;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitorBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code <name>-backend}: the Prometheus Operator ServiceMonitor that scrapes the backend's /q/metrics
 * through {@link BackendService}, when spec.monitoring.enabled and the cluster serves the type. Every
 * series gets the label {@code todoapp=<name>}, which the chart's alerts and dashboard group by.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.BACKEND_SELECTOR))
public class BackendServiceMonitor extends TodoAppDependent<ServiceMonitor> {
  public static final String METRICS_PATH = "/q/metrics";
  public static final String TODOAPP_LABEL = "todoapp";

  public BackendServiceMonitor() {
    super(ServiceMonitor.class, ChildNames::backend);
  }

  @Override
  protected ServiceMonitor desired(TodoApp app, Context<TodoApp> context) {
    return build(app);
  }

  public static ServiceMonitor build(TodoApp app) {
    MonitoringSpec monitoring = app.getSpec().monitoring();
    ObjectMeta metadata = ChildMetadata.of(app, ChildNames.backend(app), Component.BACKEND);
    Map<String, String> labels = new LinkedHashMap<>(monitoring.labels());
    labels.putAll(metadata.getLabels()); // ours win: the informer finds the child by them
    metadata.setLabels(labels);
    return new ServiceMonitorBuilder()
        .withMetadata(metadata)
        .withNewSpec()
        // the backend Service carries these labels (BackendService's metadata), the pods the selector's
        .withNewSelector().withMatchLabels(Labels.selector(app, Component.BACKEND)).endSelector()
        .addNewEndpoint()
        .withPort("http")
        .withPath(METRICS_PATH)
        .withInterval(monitoring.interval())
        .addNewRelabeling().withAction("replace").withTargetLabel(TODOAPP_LABEL)
        .withReplacement(app.getMetadata().getName()).endRelabeling()
        .endEndpoint()
        .endSpec()
        .build();
  }

  /** Reconcile precondition: spec.monitoring.enabled (turned off, the ServiceMonitor is deleted). */
  public static class Wanted implements Condition<ServiceMonitor, TodoApp> {
    @Override
    public boolean isMet(DependentResource<ServiceMonitor, TodoApp> dependent, TodoApp app, Context<TodoApp> context) {
      return app.getSpec().monitoring().enabled();
    }
  }
}
