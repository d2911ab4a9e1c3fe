package dev.todo.operator.resources.shared;

import dev.todo.operator.resources.dependent.Component;
import dev.todo.operator.resources.dependent.Labels;
import dev.todo.operator.model.TodoApp;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;

/** Building blocks of the NetworkPolicies: peers and ports. */
public final class NetworkPolicies {
  private NetworkPolicies() {
  }

  public static NetworkPolicyPort tcp(int port) {
    return new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(port)).build();
  }

  public static NetworkPolicyPort udp(int port) {
    return new NetworkPolicyPortBuilder().withProtocol("UDP").withPort(new IntOrString(port)).build();
  }

  /** Pods of one component of the same TodoApp. */
  public static NetworkPolicyPeer pods(TodoApp app, Component component) {
    return new NetworkPolicyPeerBuilder()
        .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Labels.selector(app, component)).build())
        .build();
  }

  /** Pods in any namespace (e.g. the ingress controller, whose namespace the operator cannot know). */
  public static NetworkPolicyPeer anyNamespace() {
    return new NetworkPolicyPeerBuilder().withNamespaceSelector(new LabelSelectorBuilder().build()).build();
  }

  /** Name resolution through the cluster DNS, wherever it runs. */
  public static NetworkPolicyEgressRule dns() {
    return new NetworkPolicyEgressRuleBuilder().withPorts(udp(53), tcp(53)).build();
  }
}
