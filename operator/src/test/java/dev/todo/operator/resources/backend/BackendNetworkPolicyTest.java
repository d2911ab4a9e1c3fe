package dev.todo.operator.resources.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.todo.operator.TestApps;
import dev.todo.operator.model.TodoApp;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The external database's egress: the port(s) its URL names, and no other. */
class BackendNetworkPolicyTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      postgresql://todo:pw@db.example.com:6543/todo?sslmode=require        | 6543
      postgresql://todo:pw@db.example.com/todo?sslmode=require             | 5432
      postgres://db.example.com:5433                                       | 5433
      jdbc:postgresql://db1.example.com:5433,db2.example.com:5434/todo     | 5433 5434
      jdbc:postgresql://db1.example.com,db2.example.com:6000/todo          | 5432 6000
      postgresql://todo:p%40ss:word@10.0.0.7:15432/todo                    | 15432
      postgresql://todo:pw@[2001:db8::1]:6432/todo                         | 6432
      postgresql://todo:pw@[2001:db8::1]/todo                              | 5432
      not a url                                                            | 5432
      """)
  void databasePortsAreTheOnesTheUrlNames(String url, String expected) {
    Set<Integer> want = Set.of(expected.split(" ")).stream().map(Integer::valueOf).collect(Collectors.toSet());
    assertEquals(want, BackendNetworkPolicy.databasePorts(url));
  }

  @Test
  void anExternalDatabaseIsReachedOnItsPortsOnly() {
    TodoApp app = TestApps.external("app", "ns", "todo-database", "url");
    NetworkPolicy np = BackendNetworkPolicy.build(app, Set.of(6543));
    Set<Integer> ports = np.getSpec().getEgress().stream().flatMap(rule -> rule.getPorts().stream())
        .map(port -> port.getPort().getIntVal()).collect(Collectors.toSet());
    assertEquals(Set.of(53, 6543), ports, "DNS and the database's port; not PostgreSQL's default");
    assertEquals(Set.of(53, 5432), BackendNetworkPolicy.build(app).getSpec().getEgress().stream()
        .flatMap(rule -> rule.getPorts().stream()).map(port -> port.getPort().getIntVal()).collect(Collectors.toSet()),
        "offline (render): the default port");
  }
}
