package dev.todo.operator.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.todo.operator.TestApps;
import dev.todo.operator.resources.backend.BackendDeployment;
import dev.todo.operator.resources.shared.AppDeployment;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.fabric8.kubernetes.client.informers.impl.cache.CacheImpl;
import io.fabric8.kubernetes.client.informers.impl.cache.ProcessorStore;
import io.fabric8.kubernetes.client.informers.impl.cache.SharedProcessor;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompactItemStoreTest {
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** The backend Deployment as the API server returns it: status, and the managedFields of two writers. */
  static Deployment served(String name, String namespace) {
    Deployment desired = BackendDeployment.build(TestApps.withUid(TestApps.full(name, namespace)),
        new AppDeployment.Inputs("abc123", false));
    return new DeploymentBuilder(desired)
        .editMetadata().withResourceVersion("42").withUid("uid-" + name).withGeneration(3L)
        .addToManagedFields(new ManagedFieldsEntryBuilder().withManager("todoapp").withOperation("Apply")
            .withApiVersion("apps/v1").withFieldsType("FieldsV1")
            .withFieldsV1(fields("f:spec", "f:replicas")).build())
        .addToManagedFields(new ManagedFieldsEntryBuilder().withManager("kube-controller-manager")
            .withOperation("Update").withSubresource("status").withApiVersion("apps/v1").withFieldsType("FieldsV1")
            .withFieldsV1(fields("f:status", "f:readyReplicas")).build())
        .endMetadata()
        .withNewStatus().withReplicas(1).withReadyReplicas(1).withUpdatedReplicas(1).withAvailableReplicas(1)
        .withObservedGeneration(3L).endStatus()
        .build();
  }

  static FieldsV1 fields(String parent, String child) {
    FieldsV1 fields = new FieldsV1();
    fields.setAdditionalProperty(parent, Map.of(child, Map.of()));
    return fields;
  }

  @Test
  void aCachedDeploymentReadsBackAsTheServerSentItButForTheManagedFieldsOfUpdates() {
    CompactItemStore<Deployment> store = new CompactItemStore<>(Deployment.class, SERIALIZATION);
    Deployment served = served("todo", "team-a");
    store.put(store.getKey(served), served);

    Deployment cached = store.get("team-a/todo-backend");
    Deployment expected = new DeploymentBuilder(served).editMetadata()
        .withManagedFields(served.getMetadata().getManagedFields().get(0)).endMetadata().build();
    assertEquals(expected, cached);
    assertEquals("todoapp", cached.getMetadata().getManagedFields().get(0).getManager(),
        "server-side apply's matcher reads the Apply entry of the operator's field manager");
    assertNotSame(store.get("team-a/todo-backend"), cached, "each read is a new object: no caller can alter the cache");
    assertEquals(2, served.getMetadata().getManagedFields().size(), "the object handed in is left as it was");
  }

  @Test
  void theFirstChildIsTheDictionaryOfTheOthers() {
    CompactItemStore<Deployment> store = new CompactItemStore<>(Deployment.class, SERIALIZATION);
    Deployment first = served("todo-0001", "team-a");
    store.put(store.getKey(first), first);
    for (int i = 2; i <= 50; i++) {
      Deployment d = served(String.format("todo-%04d", i), "team-a");
      store.put(store.getKey(d), d);
    }
    Deployment expected = served("todo-0050", "team-a");
    int json = SERIALIZATION.asJson(expected).getBytes(StandardCharsets.UTF_8).length;
    int later = store.storedBytes("team-a/todo-0050-backend");
    // Deflated alone it is ~1/3 of its JSON (the test below); against the first, a small fraction.
    assertTrue(later * 8 < json, "the 50th Deployment takes " + later + " bytes for " + json + " bytes of JSON");
    expected.getMetadata().setManagedFields(List.of(expected.getMetadata().getManagedFields().get(0)));
    assertEquals(expected, store.get("team-a/todo-0050-backend"));
    assertEquals(50, store.values().count(), "every entry inflates with the same dictionary");
  }

  @Test
  void aDeploymentIsHeldInAFractionOfItsJson() {
    CompactItemStore<Deployment> store = new CompactItemStore<>(Deployment.class, SERIALIZATION);
    Deployment served = served("todo", "team-a");
    store.put(store.getKey(served), served);
    int json = SERIALIZATION.asJson(served).getBytes(StandardCharsets.UTF_8).length;
    assertTrue(store.storedBytes("team-a/todo-backend") * 2 < json,
        store.storedBytes("team-a/todo-backend") + " bytes held for " + json + " bytes of JSON");
  }

  @Test
  void putAndRemoveReturnThePreviousObjectAsTheInformerNeedsForItsEvents() {
    CompactItemStore<Deployment> store = new CompactItemStore<>(Deployment.class, SERIALIZATION);
    Deployment first = served("todo", "team-a");
    assertNull(store.put("team-a/todo-backend", first));
    Deployment second = new DeploymentBuilder(first).editMetadata().withResourceVersion("43").endMetadata().build();
    assertEquals("42", store.put("team-a/todo-backend", second).getMetadata().getResourceVersion());
    assertEquals(List.of("team-a/todo-backend"), store.keySet().toList());
    assertEquals(1, store.size());
    assertEquals("43", store.remove("team-a/todo-backend").getMetadata().getResourceVersion());
    assertEquals(0, store.size());
    assertNull(store.get("team-a/todo-backend"));
  }

  /**
   * java-operator-sdk asks the informer configuration for its item store once per watched namespace.
   * A relist in one namespace (after its watch expired, or the informer's first list) drops every key
   * of its store that the list did not return: the other namespace's children must not be in it.
   */
  @Test
  void aRelistInOneNamespaceKeepsTheChildrenOfTheOther() {
    InformerConfiguration<Deployment> config = CompactCache.storePerInformer(
        InformerConfiguration.builder(Deployment.class).withNamespaces(Set.of("team-a", "team-b")).build(),
        SERIALIZATION);
    CacheImpl<Deployment> teamA = informerCache(config.getItemStore());
    CacheImpl<Deployment> teamB = informerCache(config.getItemStore());
    teamA.put(served("todo", "team-a"));
    teamA.put(served("gone", "team-a"));
    teamB.put(served("todo", "team-b"));

    new ProcessorStore<>(teamA, new SharedProcessor<>()).retainAll(Set.of("team-a/todo-backend"), null);

    assertEquals(List.of("team-a/todo-backend"), teamA.listKeys(), "team-a after its relist");
    assertNotNull(teamB.getByKey("team-b/todo-backend"), "team-b's Deployment after team-a's relist");
  }

  private static CacheImpl<Deployment> informerCache(ItemStore<Deployment> store) {
    CacheImpl<Deployment> cache = new CacheImpl<>();
    cache.setItemStore(store);
    return cache;
  }
}
