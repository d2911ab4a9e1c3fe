package dev.todo.operator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The benchmark's mock API server keeps one store per resource type; a request must reach its type's. */
class MockApiServerRoutingTest {
  @Test
  void routesEveryRequestOfATypeToTheSameStore() {
    assertEquals("v1/events", OperatorBenchmark.resourceType("/api/v1/namespaces/bench/events"));
    assertEquals("v1/namespaces", OperatorBenchmark.resourceType("/api/v1/namespaces/bench"));
    assertEquals("v1/namespaces", OperatorBenchmark.resourceType("/api/v1/namespaces"));
    assertEquals("v1/secrets", OperatorBenchmark.resourceType("/api/v1/secrets?labelSelector=a%3Db&watch=true"));
    assertEquals("v1/secrets", OperatorBenchmark.resourceType("/api/v1/namespaces/bench/secrets/app-jwt"));
    assertEquals("apps/v1/deployments",
        OperatorBenchmark.resourceType("/apis/apps/v1/namespaces/bench/deployments/x/status?fieldManager=a"));
    assertEquals("apps/v1/deployments", OperatorBenchmark.resourceType("/apis/apps/v1/deployments?watch=true"));
    assertEquals("todo.dev/v1alpha1/todoapps",
        OperatorBenchmark.resourceType("/apis/todo.dev/v1alpha1/namespaces/bench/todoapps/todo-0001/status"));
  }

  @Test
  void discoveryAndOtherPathsKeepTheirOwnPath() {
    assertEquals("/apis/autoscaling/v2", OperatorBenchmark.resourceType("/apis/autoscaling/v2"));
    assertEquals("/api/v1", OperatorBenchmark.resourceType("/api/v1"));
    assertEquals("/version", OperatorBenchmark.resourceType("/version"));
  }
}
