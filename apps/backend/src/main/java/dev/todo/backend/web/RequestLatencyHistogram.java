package dev.todo.backend.web;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Request durations as a histogram at /q/metrics ({@code http_server_requests_seconds_bucket}), so
 * that Prometheus can compute the API's 95th percentile over every pod (the alert on the spec's
 * 500 ms target, the dashboard's latency panel). Without it Micrometer exports a count, a sum and a
 * max, from which no percentile can be computed. Fixed buckets around the target keep the series few.
 */
@Singleton
public class RequestLatencyHistogram {
    static final double[] BUCKETS_SECONDS = {0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    @Produces
    @Singleton
    MeterFilter httpServerRequestBuckets() {
        double[] nanos = Stream.of(BUCKETS_SECONDS).flatMapToDouble(java.util.Arrays::stream)
                .map(s -> Duration.ofMillis(Math.round(s * 1000)).toNanos()).toArray();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!"http.server.requests".equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
