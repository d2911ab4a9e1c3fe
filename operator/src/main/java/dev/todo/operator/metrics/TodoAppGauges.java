package dev.todo.operator.metrics;

import dev.todo.operator.model.TodoApp;
import dev.todo.operator.model.TodoAppStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Each TodoApp's series at /q/metrics, labelled {@code namespace} and {@code todoapp}:
 * <pre>
 * todo_operator_todoapp_ready                                   1 when its Ready condition is True, else 0
 * todo_operator_todoapp_status_phase{phase}                     1, one series: the phase it is in
 * todo_operator_todoapp_created_timestamp_seconds               its creationTimestamp
 * todo_operator_todoapp_backup_last_succeeded                   1 or 0, once a backup finished
 * todo_operator_todoapp_backup_last_success_timestamp_seconds   when the last successful backup ended
 * todo_operator_todoapp_backup_interval_seconds                 the backup schedule's interval, when scheduled
 * </pre>
 * A handful of gauges per TodoApp, no histogram (the reason the SDK's per-resource meters are off:
 * {@code OperatorMetrics}). The status keeps only the last finished backup, so after a failed one the
 * last success is the one this process saw; an operator restarted after a failure reports none until
 * the next success, and the backup-missing alert then counts from the TodoApp's creation.
 *
 * <p>A deleted TodoApp's series go at once ({@link #forget}), and stay gone: a reconcile of it that was
 * already running when the delete came ends after that, with the TodoApp as it was, and would put
 * them back for good (OperatorMetricsIT saw this on a loaded machine). The UIDs of the last deleted
 * TodoApps are kept to refuse that; a new TodoApp of the same name has another UID.
 */
@Singleton
public class TodoAppGauges {
  static final String READY = "todo.operator.todoapp.ready";
  static final String PHASE = "todo.operator.todoapp.status.phase";
  static final String CREATED = "todo.operator.todoapp.created.timestamp";
  static final String BACKUP_LAST_SUCCEEDED = "todo.operator.todoapp.backup.last.succeeded";
  static final String BACKUP_LAST_SUCCESS = "todo.operator.todoapp.backup.last.success.timestamp";
  static final String BACKUP_INTERVAL = "todo.operator.todoapp.backup.interval";

  /** Deleted TodoApps remembered, by UID: far more than can be reconciling at the moment they go. */
  static final int DELETED_REMEMBERED = 4096;

  private final MeterRegistry registry;
  private final Map<String, App> apps = new ConcurrentHashMap<>();
  private final Set<String> deleted = Collections.newSetFromMap(Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > DELETED_REMEMBERED;
        }
      }));

  public TodoAppGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Sets the TodoApp's series from its spec and the status the reconcile decided on. */
  public void observe(TodoApp app, TodoAppStatus status) {
    observe(app, status, Instant.now());
  }

  void observe(TodoApp app, TodoAppStatus status, Instant now) {
    String namespace = app.getMetadata().getNamespace();
    String name = app.getMetadata().getName();
    String uid = app.getMetadata().getUid();
    if (uid != null && deleted.contains(uid)) {
      return; // a reconcile that ended after the delete
    }
    App entry = apps.compute(key(namespace, name), (k, old) -> old != null && Objects.equals(old.uid, uid) ? old
        : replaced(old, new App(uid, Tags.of("namespace", namespace, "todoapp", name))));
    entry.update(TodoAppSeries.of(app, status, now));
  }

  /** Removes a deleted TodoApp's series, and keeps them from coming back. */
  public void forget(String namespace, String name) {
    App entry = apps.remove(key(namespace, name));
    if (entry != null) {
      if (entry.uid != null) {
        deleted.add(entry.uid);
      }
      entry.removeAll();
    }
  }

  /** A TodoApp deleted and made again under its name whose delete went unseen: the old one's series go. */
  private static App replaced(App old, App next) {
    if (old != null) {
      old.removeAll();
    }
    return next;
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /** One TodoApp's values and the gauges that read them. */
  private final class App {
    private final String uid;
    private final Tags tags;
    private final Map<String, Meter> meters = new HashMap<>();
    private volatile TodoAppSeries series;
    private volatile double lastSuccess = Double.NaN;
    private String phase;

    App(String uid, Tags tags) {
      this.uid = uid;
      this.tags = tags;
    }

    synchronized void update(TodoAppSeries next) {
      series = next;
      next.backupLastSuccessSeconds().ifPresent(t -> lastSuccess = Double.isNaN(lastSuccess) ? t : Math.max(lastSuccess, t));
      keep(READY, null, true, s -> s.ready());
      keep(CREATED, "seconds", next.createdSeconds().isPresent(), s -> value(s.createdSeconds()));
      keep(BACKUP_LAST_SUCCEEDED, null, next.backupLastSucceeded().isPresent(), s -> value(s.backupLastSucceeded()));
      keep(BACKUP_LAST_SUCCESS, "seconds", !Double.isNaN(lastSuccess), s -> lastSuccess);
      keep(BACKUP_INTERVAL, "seconds", next.backupIntervalSeconds().isPresent(), s -> value(s.backupIntervalSeconds()));
      if (!next.phase().equals(phase)) {
        remove(PHASE);
        phase = next.phase();
        meters.put(PHASE, Gauge.builder(PHASE, () -> 1)
            .description("1 for the phase the TodoApp is in (status.phase)")
            .tags(tags.and("phase", phase)).register(registry));
      }
    }

    private void keep(String name, String unit, boolean present, ToDoubleFunction<TodoAppSeries> value) {
      if (!present) {
        remove(name);
      } else if (!meters.containsKey(name)) {
        meters.put(name, Gauge.builder(name, this, app -> value.applyAsDouble(app.series))
            .baseUnit(unit).tags(tags).register(registry));
      }
    }

    private void remove(String name) {
      Meter meter = meters.remove(name);
      if (meter != null) {
        registry.remove(meter);
      }
    }

    synchronized void removeAll() {
      meters.values().forEach(registry::remove);
      meters.clear();
    }
  }

  private static double value(OptionalDouble v) {
    return v.orElse(Double.NaN);
  }
}
