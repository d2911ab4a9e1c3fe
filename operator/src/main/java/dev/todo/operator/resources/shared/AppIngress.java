package dev.todo.operator.resources.shared;

import dev.todo.operator.resources.dependent.ChildMetadata;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.dependent.Labels;
import dev.todo.operator.resources.dependent.TodoAppDependent;
import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.List;

/** {@code <name>}: the Ingress routing /api to the backend and everything else to the frontend. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.FRONTEND_SELECTOR))
public class AppIngress extends TodoAppDependent<Ingress> {

  public AppIngress() {
    super(Ingress.class, ChildNames::ingress);
  }

  @Override
  protected Ingress desired(TodoApp app, Context<TodoApp> context) {
    return build(app);
  }

  public static Ingress build(TodoApp app) {
    IngressSpec spec = app.getSpec().ingress();
    IngressBuilder ingress = new IngressBuilder()
        .withMetadata(ChildMetadata.of(app, ChildNames.ingress(app), Component.FRONTEND));
    if (spec.getAnnotations() != null && !spec.getAnnotations().isEmpty()) {
      ingress.editMetadata().withAnnotations(spec.getAnnotations()).endMetadata();
    }
    var rule = new IngressRuleBuilder()
        .withHost(spec.getHost())
        .withNewHttp()
        .withPaths(path("/api", ChildNames.backend(app), 8080), path("/", ChildNames.frontend(app), 3000))
        .endHttp()
        .build();
    var ingressSpec = ingress.withNewSpec().withIngressClassName(spec.className()).withRules(rule);
    if (spec.getTls() != null) {
      ingressSpec.withTls(new IngressTLSBuilder()
          .withHosts(spec.getHost() == null ? List.of() : List.of(spec.getHost()))
          .withSecretName(spec.getTls().getSecretName())
          .build());
    }
    return ingressSpec.endSpec().build();
  }

  private static HTTPIngressPath path(String path, String service, int port) {
    return new HTTPIngressPathBuilder()
        .withPath(path)
        .withPathType("Prefix")
        .withNewBackend().withNewService().withName(service).withNewPort().withNumber(port).endPort()
        .endService().endBackend()
        .build();
  }

  /** Reconcile precondition: spec.ingress.enabled. */
  public static class Wanted implements Condition<Ingress, TodoApp> {
    @Override
    public boolean isMet(DependentResource<Ingress, TodoApp> dependent, TodoApp app, Context<TodoApp> context) {
      return app.getSpec().ingress().enabled();
    }
  }
}
