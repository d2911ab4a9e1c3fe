package dev.todo.operator.resources.dependent;

import dev.todo.operator.model.TodoApp;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Activation condition of the ServiceMonitor dependent: the cluster serves monitoring.coreos.com/v1
 * ServiceMonitor (the Prometheus Operator's CRDs are installed). Until then no informer is started for
 * it, which on an unserved type would fail forever.
 */
public class ServiceMonitorApiServed implements Condition<ServiceMonitor, TodoApp> {
  @Override
  public boolean isMet(DependentResource<ServiceMonitor, TodoApp> dependent, TodoApp primary,
      Context<TodoApp> context) {
    return ServedApis.isServed(context.getClient(), ServedApis.SERVICE_MONITOR);
  }
}
