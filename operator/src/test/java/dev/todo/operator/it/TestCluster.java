package dev.todo.operator.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a real-API-server test class runs against, declared once and set up before its first test:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final TestCluster cluster = TestCluster.namespace("backups").withOperator().withKubelet();
 * </pre>
 *
 * gives the run's shared control plane ({@link RealApiServer}), a fresh namespace under the
 * "restricted" Pod Security Standard, the packaged operator started against it and a {@link TestKubelet}
 * for that namespace; what was started is stopped after the class's last test. A class that needs API
 * server flags of its own ({@link #ownControlPlane(String)}) gets a control plane of its own, stopped
 * with it. Nothing here is static state of the test class: the class reads what it declared from the
 * extension.
 */
public final class TestCluster implements BeforeAllCallback, AfterAllCallback {
  private final String namespacePrefix;
  private String ownApiServerArgs;
  private boolean withOperator;
  private boolean withKubelet;

  private KubeControlPlane plane;
  private KubernetesClient admin;
  private TodoAppsOnCluster apps;
  private String namespace;
  private long operatorStart;
  private OperatorProcess operator;
  private TestKubelet kubelet;

  private TestCluster(String namespacePrefix) {
    this.namespacePrefix = namespacePrefix;
  }

  /** A fresh namespace named {@code <prefix>-<random>} on the shared control plane. */
  public static TestCluster namespace(String prefix) {
    return new TestCluster(prefix);
  }

  /** The packaged operator, started with the operator's test identity once the namespace exists. */
  public TestCluster withOperator() {
    this.withOperator = true;
    return this;
  }

  /** A {@link TestKubelet} that runs the namespace's pods (marks them ready). */
  public TestCluster withKubelet() {
    this.withKubelet = true;
    return this;
  }

  /** A control plane for this class alone, its kube-apiserver started with these extra flags. */
  public TestCluster ownControlPlane(String extraApiServerArgs) {
    this.ownApiServerArgs = extraApiServerArgs;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (ownApiServerArgs == null) {
      new RealApiServer().beforeAll(context);
      plane = RealApiServer.controlPlane();
    } else {
      plane = KubeControlPlane.start(ownApiServerArgs);
    }
    admin = plane.admin();
    apps = new TodoAppsOnCluster(admin);
    namespace = RealApiServer.newNamespace(admin, namespacePrefix);
    if (withOperator) {
      operatorStart = plane.auditLog().mark();
      operator = OperatorProcess.start(plane);
    }
    if (withKubelet) {
      kubelet = TestKubelet.start(admin, namespace);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (kubelet != null) {
      kubelet.close();
    }
    if (operator != null) {
      operator.close();
    }
    if (ownApiServerArgs != null && plane != null) {
      plane.close();
    }
  }

  public KubeControlPlane plane() {
    return plane;
  }

  /** A client with every right (the cluster's admin). */
  public KubernetesClient admin() {
    return admin;
  }

  /** TodoApps on this cluster: create, read, await conditions. */
  public TodoAppsOnCluster apps() {
    return apps;
  }

  /** The class's namespace. */
  public String ns() {
    return namespace;
  }

  /** The operator of {@link #withOperator()}. */
  public OperatorProcess operator() {
    if (operator == null) {
      throw new IllegalStateException("the test class did not declare withOperator()");
    }
    return operator;
  }

  /** The audit log's mark taken just before the operator started: its writes from then on. */
  public long operatorStart() {
    operator();
    return operatorStart;
  }

  /**
   * Starts the namespace's {@link TestKubelet} now, for a class that first watches its pods not ready;
   * stopped after the class like one declared with {@link #withKubelet()}.
   */
  public TestKubelet startKubelet() {
    if (kubelet != null) {
      throw new IllegalStateException("the kubelet of " + namespace + " runs already");
    }
    kubelet = TestKubelet.start(admin, namespace);
    return kubelet;
  }

  /** The kubelet of {@link #withKubelet()} or {@link #startKubelet()}. */
  public TestKubelet kubelet() {
    if (kubelet == null) {
      throw new IllegalStateException("the test class did not declare withKubelet()");
    }
    return kubelet;
  }
}
