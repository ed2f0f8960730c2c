package dev.marketdata.bootstrap.runtime;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.util.EnumSet;

/**
 * The process's one Vert.x, reporting its pool and JVM metrics (the HTTP API's are our own, see
 * {@code MeteredHttp}) into {@code meters}, and, when tracing is on, tracing through {@code
 * openTelemetry}: a server span per HTTP request (a child of the request's W3C {@code traceparent}
 * when it has one); Vert.x's SQL client traces the queries run under a current trace too. With
 * tracing off Vert.x gets no tracer at all.
 */
public final class VertxFactory {
  private VertxFactory() {}

  public static Vertx create(PrometheusMeterRegistry meters) {
    return create(meters, OpenTelemetry.noop(), false);
  }

  public static Vertx create(
      PrometheusMeterRegistry meters, OpenTelemetry openTelemetry, boolean tracing) {
    VertxOptions options = options();
    VertxBuilder builder = Vertx.builder().withMetrics(new MicrometerMetricsFactory(meters));
    if (tracing) {
      options.setTracingOptions(new OpenTelemetryOptions());
      builder.withTracer(new OpenTelemetryTracingFactory(openTelemetry));
    }
    return builder.with(options).build();
  }

  private static VertxOptions options() {
    return new VertxOptions()
        .setMetricsOptions(
            new MicrometerMetricsOptions()
                .setEnabled(true)
                .setJvmMetricsEnabled(true)
                // Our own HTTP meters replace these (bootstrap.metrics.MeteredHttp): Vert.x's
                // looked
                // a meter up by its tags on every request, a sixth of the cached hot path's time.
                .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)
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
                        Label.POOL_NAME)));
  }
}
