package dev.todo.deploy.chart;

import static dev.todo.deploy.chart.RenderedChart.path;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** values-dev.yaml, which deploy/minikube/up.sh installs. */
class DevValuesTest {

  static RenderedChart chart;

  @BeforeAll
  static void render() {
    chart = RenderedChart.render(RenderedChart.valuesFile("values-dev.yaml"));
  }

  @Test
  void runsTheImageBuiltIntoMinikubeAndNeverPullsIt() {
    Map<String, Object> container = chart.operatorContainer();
    assertEquals("todo-operator:dev", container.get("image"));
    assertEquals("Never", container.get("imagePullPolicy"));
  }

  @Test
  void logsAtDebugLevel() {
    assertEquals("DEBUG", chart.operatorEnv().get("QUARKUS_LOG_CATEGORY__DEV_TODO__LEVEL"));
    assertEquals("DEBUG", chart.operatorEnv().get("QUARKUS_LOG_CATEGORY__IO_JAVAOPERATORSDK__LEVEL"));
  }

  @Test
  void staysASingleReplicaWithoutLeaderElection() {
    assertEquals(1, (int) path(chart.single("Deployment"), "spec.replicas"));
    assertEquals("false", chart.operatorEnv().get("LEADER_ELECTION_ENABLED"));
  }
}
