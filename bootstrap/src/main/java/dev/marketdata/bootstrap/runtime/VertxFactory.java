package dev.marketdata.bootstrap.runtime;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.EnumSet;

/** The process's one Vert.x, reporting its HTTP, pool and JVM metrics into {@code meters}. */
public final class VertxFactory {
  private VertxFactory() {}

  public static Vertx create(PrometheusMeterRegistry meters) {
    return Vertx.builder()
        .with(
            new VertxOptions()
                .setMetricsOptions(
                    new MicrometerMetricsOptions()
                        .setEnabled(true)
                        .setJvmMetricsEnabled(true)
                        .setPrometheusOptions(
                            new VertxPrometheusOptions().setEnabled(true).setPublishQuantiles(true))
                        // Pool labels too (Vert.x's defaults have them): without them the worker
                        // and PostgreSQL pools report the same untagged gauges and Micrometer
                        // keeps only the first, with a warning at startup.
                        .setLabels(
                            EnumSet.of(
                                Label.HTTP_ROUTE,
                                Label.HTTP_METHOD,
                                Label.HTTP_CODE,
                                Label.POOL_TYPE,
                                Label.POOL_NAME))))
        .withMetrics(new MicrometerMetricsFactory(meters))
        .build();
  }
}
