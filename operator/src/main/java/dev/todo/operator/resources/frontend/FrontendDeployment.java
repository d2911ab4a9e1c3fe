package dev.todo.operator.resources.frontend;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.spec.FrontendSpec;
import dev.todo.operator.resources.shared.AppDeployment;
import dev.todo.operator.resources.dependent.ChildNames;
import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.shared.PodSecurity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import dev.todo.operator.resources.dependent.TodoAppDependent;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.ArrayList;
import java.util.List;

/** {@code <name>-frontend}: the Deployment of the web UI (docs/runtime-contract.md, frontend image). */
public class FrontendDeployment extends TodoAppDependent<Deployment> {
  public static final int PORT = 3000;

  public FrontendDeployment() {
    super(Deployment.class, ChildNames::frontend);
  }

  @Override
  protected Deployment desired(TodoApp app, Context<TodoApp> context) {
    // The frontend reads no Secret: only the ConfigMap (BACKEND_URL) rolls it.
    return build(app, AppDeployment.observe(app, context, false));
  }

  public static Deployment build(TodoApp app, AppDeployment.Inputs inputs) {
    FrontendSpec spec = app.getSpec().frontend();
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar("PORT", String.valueOf(PORT), null));
    env.add(new EnvVar("HOSTNAME", "0.0.0.0", null));
    env.addAll(spec.env());
    Container container = new ContainerBuilder()
        .withName("frontend")
        .withImage(spec.image())
        .withImagePullPolicy(spec.imagePullPolicy().name())
        .addNewPort().withName("http").withContainerPort(PORT).withProtocol("TCP").endPort()
        .withEnv(env)
        .addNewEnvFrom().withNewConfigMapRef().withName(ChildNames.config(app)).endConfigMapRef().endEnvFrom()
        .withResources(AppDeployment.resources(spec.getResources(), "50m", "128Mi", "256Mi"))
        .withStartupProbe(AppDeployment.httpProbe("/healthz", PORT, 5, 24))
        .withLivenessProbe(AppDeployment.httpProbe("/healthz", PORT, 10, 3))
        .withReadinessProbe(AppDeployment.httpProbe("/healthz", PORT, 5, 3))
        .withLifecycle(AppDeployment.drainBeforeStop())
        .withSecurityContext(PodSecurity.container())
        // The image's server writes nothing; /tmp stays writable as the runtime contract promises.
        .withVolumeMounts(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build())
        .build();
    return AppDeployment.build(app, Component.FRONTEND, ChildNames.frontend(app), spec, container,
        List.of(AppDeployment.emptyDir("tmp")), inputs, false);
  }
}
