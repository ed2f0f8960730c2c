package dev.marketdata.bootstrap.tracing;

import dev.marketdata.bootstrap.config.ServiceConfig.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * The process's OpenTelemetry: a no-op when no OTLP endpoint is configured (no span is recorded,
 * Vert.x gets no tracer, so an untraced service pays next to nothing), else an SDK exporting in
 * batches over OTLP, W3C Trace Context propagation, parent-based sampling. Built from the one
 * configuration tree, never from the environment itself.
 */
public final class Telemetry {
  /** The instrumentation scope every span of this service is recorded under. */
  public static final String SCOPE = "dev.marketdata";

  private Telemetry() {}

  public static OpenTelemetry create(Tracing tracing, String instanceId) {
    if (!tracing.enabled()) {
      return OpenTelemetry.noop();
    }
    return sdk(tracing, instanceId, exporter(tracing));
  }

  /**
   * An SDK exporting to {@code exporter} in batches, as configured (tests pass an in-memory one).
   */
  public static OpenTelemetrySdk sdk(Tracing tracing, String instanceId, SpanExporter exporter) {
    Resource resource =
        Resource.getDefault()
            .merge(
                Resource.create(
                    Attributes.builder()
                        .put("service.name", tracing.serviceName())
                        .put("service.instance.id", instanceId)
                        .build()));
    SdkTracerProvider tracerProvider =
        SdkTracerProvider.builder()
            .setResource(resource)
            .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(tracing.sampleRatio())))
            .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
            .build();
    return OpenTelemetrySdk.builder()
        .setTracerProvider(tracerProvider)
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
  }

  private static SpanExporter exporter(Tracing tracing) {
    URI base = tracing.otlpEndpoint().orElseThrow();
    if (tracing.protocol() == Tracing.Protocol.GRPC) {
      var grpc = OtlpGrpcSpanExporter.builder().setEndpoint(base.toString());
      tracing.headers().forEach(grpc::addHeader);
      return grpc.build();
    }
    // As the OTLP exporter spec says: the base URL plus the signal's path.
    String url = base.toString().replaceAll("/+$", "") + "/v1/traces";
    var http = OtlpHttpSpanExporter.builder().setEndpoint(url);
    tracing.headers().forEach(http::addHeader);
    return http.build();
  }

  /** Exports what is buffered and stops; a no-op instance has nothing to close. */
  public static void close(OpenTelemetry openTelemetry) {
    if (openTelemetry instanceof OpenTelemetrySdk sdk) {
      sdk.getSdkTracerProvider().shutdown().join(5, TimeUnit.SECONDS);
    }
  }
}
