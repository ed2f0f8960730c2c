package dev.marketdata.bootstrap.e2e;

import static dev.marketdata.testsupport.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.bootstrap.testing.ServiceHarness;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One trace from an HTTP request to the moving average, on the whole service in embedded mode
 * (in-process PostgreSQL and Kafka): the request's {@code traceparent} is the parent of the server
 * span, whose provider fetch, ingest transaction, relay publish (another verticle, reading the
 * trace context back from the outbox row) and consumer's average commit (reading it from the Kafka
 * header) all carry the same trace id, each a child of the one before.
 */
class TracingIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";

  @TempDir Path dataDir;
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final OpenTelemetrySdk telemetry =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(spans))
                  .build())
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .build();

  @AfterEach
  void closeTelemetry() {
    telemetry.close();
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("MDS_DATA_DIR", dataDir.toString());
    env.put("MDS_HTTP_PORT", "0");
    env.put("MDS_INSTANCE_ID", "tracing");
    env.put("MDS_PROVIDERS", "simulated");
    env.put("MDS_SHUTDOWN_TIMEOUT_SECONDS", "20");
    return env;
  }

  @Test
  void requestWithTraceparent_isOneTraceThroughFetchStoreRelayAndAverage() {
    try (ServiceHarness service = ServiceHarness.start(env(), telemetry)) {
      ServiceHarness.Reply latest =
          service.get(
              "/prices/latest?symbol=AAPL&provider=simulated",
              "traceparent",
              "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01",
              "X-Request-Id",
              "trace-it-1");
      assertThat(latest.status()).isEqualTo(200);
      assertThat(latest.raw().headers().firstValue("X-Request-Id")).contains("trace-it-1");

      until(
          "the request's trace reaches the consumer's average commit and the average's publish",
          WAIT,
          () ->
              find(TRACE_ID, s -> s.getName().equals("price-events process")).isPresent()
                  && find(TRACE_ID, s -> s.getName().equals("price-averages publish")).isPresent());

      SpanData server = only(TRACE_ID, s -> s.getKind() == SpanKind.SERVER);
      SpanData fetch = only(TRACE_ID, s -> s.getName().equals("provider fetch"));
      SpanData store = only(TRACE_ID, s -> s.getName().equals("ingest store"));
      SpanData publish = only(TRACE_ID, s -> s.getName().equals("price-events publish"));
      SpanData process = only(TRACE_ID, s -> s.getName().equals("price-events process"));
      SpanData commit = only(TRACE_ID, s -> s.getName().equals("average commit"));

      assertThat(server.getParentSpanId()).isEqualTo(CALLER_SPAN);
      assertThat(fetch.getKind()).isEqualTo(SpanKind.CLIENT);
      assertThat(fetch.getParentSpanId()).isEqualTo(server.getSpanId());
      assertThat(store.getParentSpanId()).isEqualTo(fetch.getSpanId());
      assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
      assertThat(publish.getParentSpanId()).isEqualTo(fetch.getSpanId());
      assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
      assertThat(process.getParentSpanId()).isEqualTo(publish.getSpanId());
      assertThat(commit.getParentSpanId()).isEqualTo(process.getSpanId());
      // The average the price changed carries the trace on (average_outbox, V14): its relay
      // publish is a child of the commit that stored it.
      SpanData averagePublish = only(TRACE_ID, s -> s.getName().equals("price-averages publish"));
      assertThat(averagePublish.getKind()).isEqualTo(SpanKind.PRODUCER);
      assertThat(averagePublish.getParentSpanId()).isEqualTo(commit.getSpanId());
      assertThat(
              service.query(
                  "SELECT traceparent FROM average_outbox WHERE symbol = 'AAPL'",
                  rs -> rs.getString(1)))
          .isNotEmpty()
          .allSatisfy(
              stored ->
                  assertThat(stored)
                      .isEqualTo("00-" + TRACE_ID + "-" + commit.getSpanId() + "-01"));

      // The outbox row kept the context the relay sent on.
      assertThat(
              service.query(
                  "SELECT traceparent FROM outbox WHERE symbol = 'AAPL'", rs -> rs.getString(1)))
          .singleElement()
          .asString()
          .isEqualTo("00-" + TRACE_ID + "-" + fetch.getSpanId() + "-01");

      // A request without the header starts a trace of its own.
      ServiceHarness.Reply other = service.get("/prices/latest?symbol=MSFT&provider=simulated");
      assertThat(other.status()).isEqualTo(200);
      until(
          "the second request's fetch is recorded",
          WAIT,
          () ->
              spans.getFinishedSpanItems().stream()
                  .anyMatch(
                      s ->
                          s.getName().equals("provider fetch")
                              && "MSFT".equals(attribute(s, "mds.symbol"))));
      SpanData msft =
          spans.getFinishedSpanItems().stream()
              .filter(
                  s ->
                      s.getName().equals("provider fetch")
                          && "MSFT".equals(attribute(s, "mds.symbol")))
              .findFirst()
              .orElseThrow();
      assertThat(msft.getTraceId()).isNotEqualTo(TRACE_ID);
    }
  }

  private static String attribute(SpanData span, String key) {
    return span.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey(key));
  }

  private Optional<SpanData> find(String traceId, Predicate<SpanData> which) {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> s.getTraceId().equals(traceId))
        .filter(which)
        .findFirst();
  }

  private SpanData only(String traceId, Predicate<SpanData> which) {
    List<SpanData> found =
        spans.getFinishedSpanItems().stream()
            .filter(s -> s.getTraceId().equals(traceId))
            .filter(which)
            .toList();
    assertThat(found).as("spans of trace %s: %s", traceId, names()).hasSize(1);
    return found.get(0);
  }

  private List<String> names() {
    return spans.getFinishedSpanItems().stream()
        .map(s -> s.getKind() + " " + s.getName() + " " + s.getTraceId())
        .toList();
  }
}
