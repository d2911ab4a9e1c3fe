package dev.todo.operator.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * An informer's item store that holds each object as deflated JSON instead of fabric8's object tree,
 * and gives back a fresh object on every read. A Deployment as fabric8 holds it is ~200 small objects
 * (every model class carries its own map of unknown properties) and ~40 KiB of heap; as deflated JSON
 * it is ~1 KiB. What the operator reads is unchanged: the status, the identity, the spec the
 * matchers compare. Only one thing is left out: the managedFields entries of {@code Update}
 * operations (controllers writing status, kubectl edits), which nothing in the operator reads.
 * Server-side apply's matcher reads the {@code Apply} entry of the operator's field manager, and
 * every {@code Apply} entry is kept.
 *
 * <p>The children of one kind are nearly the same text (the same labels, probes, images, security
 * settings; only names differ), so each store deflates with a preset dictionary: the JSON of the
 * first object it holds. A backend Deployment then takes ~0.15 KiB instead of ~1.2 KiB.
 *
 * <p>One store serves one informer: the informer removes, on a relist, every key of its store that
 * the list did not return. {@link CompactCache} gives each namespace's informer its own store.
 */
public final class CompactItemStore<R extends HasMetadata> implements ItemStore<R> {
  /** One compressor and one decompressor for every store: their native buffers are allocated once. */
  private static final Deflater DEFLATER = new Deflater(Deflater.BEST_SPEED);
  private static final Inflater INFLATER = new Inflater();
  /** Deflate looks back 32 KiB at most: a longer dictionary would only cost memory. */
  private static final int MAX_DICTIONARY = 32 * 1024;

  private final Map<String, byte[]> items = new ConcurrentHashMap<>();
  /** The JSON of the first object stored, the preset dictionary of every entry; fixed once set. */
  private volatile byte[] dictionary;
  private final Class<R> type;
  private final KubernetesSerialization serialization;

  public CompactItemStore(Class<R> type, KubernetesSerialization serialization) {
    this.type = type;
    this.serialization = serialization;
  }

  @Override
  public String getKey(R obj) {
    return Cache.metaNamespaceKeyFunc(obj);
  }

  @Override
  public R put(String key, R obj) {
    return restore(items.put(key, compact(obj)));
  }

  @Override
  public R remove(String key) {
    return restore(items.remove(key));
  }

  @Override
  public Stream<String> keySet() {
    return items.keySet().stream();
  }

  @Override
  public Stream<R> values() {
    return items.values().stream().map(this::restore);
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public R get(String key) {
    return restore(items.get(key));
  }

  /** Bytes held for {@code key}, for tests and the footprint figures; 0 when absent. */
  int storedBytes(String key) {
    byte[] bytes = items.get(key);
    return bytes == null ? 0 : bytes.length;
  }

  byte[] compact(R obj) {
    JsonNode tree = serialization.convertValue(obj, JsonNode.class);
    dropUpdateEntries(tree);
    byte[] json = serialization.asJson(tree).getBytes(StandardCharsets.UTF_8);
    if (dictionary == null) {
      synchronized (this) {
        if (dictionary == null) {
          dictionary = json.length <= MAX_DICTIONARY ? json : Arrays.copyOf(json, MAX_DICTIONARY);
        }
      }
    }
    return deflate(json, dictionary);
  }

  R restore(byte[] compacted) {
    if (compacted == null) {
      return null;
    }
    return serialization.unmarshal(new ByteArrayInputStream(inflate(compacted, dictionary)), type);
  }

  /** Keeps only the managedFields entries of server-side apply (operation Apply). */
  static void dropUpdateEntries(JsonNode tree) {
    JsonNode managed = tree.path("metadata").path("managedFields");
    if (!(managed instanceof ArrayNode entries)) {
      return;
    }
    for (Iterator<JsonNode> it = entries.elements(); it.hasNext(); ) {
      if (!"Apply".equals(it.next().path("operation").asText())) {
        it.remove();
      }
    }
    if (entries.isEmpty()) {
      ((ObjectNode) tree.path("metadata")).remove("managedFields");
    }
  }

  private static byte[] deflate(byte[] json, byte[] dictionary) {
    synchronized (DEFLATER) {
      DEFLATER.reset();
      DEFLATER.setDictionary(dictionary);
      DEFLATER.setInput(json);
      DEFLATER.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 3 + 16);
      byte[] buffer = new byte[4096];
      while (!DEFLATER.finished()) {
        out.write(buffer, 0, DEFLATER.deflate(buffer));
      }
      return out.toByteArray();
    }
  }

  private static byte[] inflate(byte[] compacted, byte[] dictionary) {
    synchronized (INFLATER) {
      INFLATER.reset();
      INFLATER.setInput(compacted);
      ByteArrayOutputStream out = new ByteArrayOutputStream(compacted.length * 4);
      byte[] buffer = new byte[8192];
      try {
        while (!INFLATER.finished()) {
          int n = INFLATER.inflate(buffer);
          if (n == 0 && INFLATER.needsDictionary()) {
            INFLATER.setDictionary(dictionary);
            continue;
          }
          if (n == 0 && INFLATER.needsInput()) {
            throw new UncheckedIOException(new IOException("truncated cache entry"));
          }
          out.write(buffer, 0, n);
        }
      } catch (DataFormatException e) {
        throw new UncheckedIOException(new IOException("corrupt cache entry", e));
      }
      return out.toByteArray();
    }
  }
}
