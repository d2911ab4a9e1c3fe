package dev.todo.backend.db;

import io.agroal.api.AgroalDataSourceMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.ToDoubleFunction;

/**
 * The connection pool at /q/metrics, under the names Quarkus's own datasource metrics use (our pool is
 * built by {@link Database}, so Quarkus does not see it): {@code agroal_active_count} connections in
 * use, {@code agroal_available_count} idle, {@code agroal_awaiting_count} threads waiting for one,
 * {@code agroal_max_used_count} the most ever in use, {@code agroal_acquire_count_total} connections
 * handed out, and {@code agroal_blocking_time_average_milliseconds}, each tagged
 * {@code datasource="default"}. Waiting threads are the first sign of a pool too small for the load.
 */
@Startup
@ApplicationScoped
public class ConnectionPoolMetrics {

    @Inject
    public ConnectionPoolMetrics(Database database, MeterRegistry registry) {
        AgroalDataSourceMetrics metrics = database.poolMetrics();
        gauge(registry, "agroal.active.count", "Connections in use", metrics, AgroalDataSourceMetrics::activeCount);
        gauge(registry, "agroal.available.count", "Idle connections", metrics, AgroalDataSourceMetrics::availableCount);
        gauge(registry, "agroal.awaiting.count", "Threads waiting for a connection", metrics,
                AgroalDataSourceMetrics::awaitingCount);
        gauge(registry, "agroal.max.used.count", "The most connections in use at once", metrics,
                AgroalDataSourceMetrics::maxUsedCount);
        registry.more().counter("agroal.acquire.count", io.micrometer.core.instrument.Tags.of("datasource", "default"),
                metrics, AgroalDataSourceMetrics::acquireCount);
        Gauge.builder("agroal.blocking.time.average", metrics, m -> m.blockingTimeAverage().toMillis())
                .description("Average time a thread waited for a connection").baseUnit("milliseconds")
                .tag("datasource", "default").register(registry);
    }

    private static void gauge(MeterRegistry registry, String name, String description, AgroalDataSourceMetrics metrics,
            ToDoubleFunction<AgroalDataSourceMetrics> value) {
        Gauge.builder(name, metrics, value).description(description).tag("datasource", "default").register(registry);
    }
}
