package dev.marketdata.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaHeader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsumeSpansTest {
  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  // The provider in a field of its own, so the test holds it for its whole length.
  private final SdkTracerProvider tracing =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
  private final ConsumeSpans spans = new ConsumeSpans(tracing.get("test"), "price-events");
  private final List<PriceEvent> events =
      KafkaTestSupport.events(List.of("AAPL", "MSFT"), List.of(ProviderId.FINNHUB), 1);

  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void givenATracedRecord_commit_makesItsAverageCommitSpanCurrentThroughTheWholeTransaction()
      throws Exception {
    ConsumeSpans.Batch batch = spans.batch();
    batch.received(List.of(KafkaHeader.header("traceparent", TRACEPARENT)), events.get(0));
    batch.received(List.of(), events.get(1));
    List<SpanContext> seen = new ArrayList<>();
    Map<UUID, TraceContext> given = new HashMap<>();

    String applied =
        onVerticleContext(
            context ->
                batch.commit(
                    context,
                    traces -> {
                      given.putAll(traces);
                      seen.add(Span.current().getSpanContext());
                      // A later step of the transaction, after this call returned.
                      Promise<String> later = Promise.promise();
                      Vertx.currentContext()
                          .runOnContext(
                              v -> {
                                seen.add(Span.current().getSpanContext());
                                later.complete("applied");
                              });
                      return later.future();
                    }));
    batch.end(Future.succeededFuture());

    assertThat(applied).isEqualTo("applied");
    SpanData process = named("price-events process");
    SpanData commit = named("average commit");
    assertThat(commit.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(commit.getParentSpanId()).isEqualTo(process.getSpanId());
    assertThat(seen)
        .hasSize(2)
        .allSatisfy(current -> assertThat(current.getSpanId()).isEqualTo(commit.getSpanId()));
    // The traced record's event gets its average commit's context to store; the other none.
    assertThat(given)
        .containsOnlyKeys(events.get(0).eventId())
        .extractingByKey(events.get(0).eventId())
        .isEqualTo(
            TraceContext.lenient(
                "00-" + commit.getTraceId() + "-" + commit.getSpanId() + "-01", null));
    // Nothing leaks onto the verticle's own context.
    Boolean leaked =
        onVerticleContext(
            context -> Future.succeededFuture(Span.current().getSpanContext().isValid()));
    assertThat(leaked).isFalse();
  }

  @Test
  void givenOnlyUntracedRecords_commit_runsTheWorkWithoutSpans() throws Exception {
    ConsumeSpans.Batch batch = spans.batch();
    batch.received(List.of(), events.get(0));

    Boolean untraced =
        onVerticleContext(
            context ->
                batch.commit(
                    context,
                    traces ->
                        Future.succeededFuture(
                            traces.isEmpty() && !Span.current().getSpanContext().isValid())));
    batch.end(Future.succeededFuture());

    assertThat(untraced).as("untraced, with no context to store").isTrue();
    assertThat(exported.getFinishedSpanItems()).isEmpty();
  }

  @Test
  void givenAFailedTransaction_commit_marksTheAverageCommitSpanFailed() throws Exception {
    ConsumeSpans.Batch batch = spans.batch();
    batch.received(List.of(KafkaHeader.header("traceparent", TRACEPARENT)), events.get(0));

    CompletableFuture<Object> outcome =
        Future.future(
                (Promise<Object> p) -> {
                  Context context = vertx.getOrCreateContext();
                  context.runOnContext(
                      v ->
                          batch
                              .commit(
                                  context,
                                  traces ->
                                      Future.failedFuture(
                                          new IllegalStateException("database away")))
                              .onComplete(p));
                })
            .toCompletionStage()
            .toCompletableFuture();

    assertThat(outcome).failsWithin(10, TimeUnit.SECONDS);
    assertThat(named("average commit").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  private <T> T onVerticleContext(java.util.function.Function<Context, Future<T>> work)
      throws Exception {
    Context context = vertx.getOrCreateContext();
    return Future.<T>future(p -> context.runOnContext(v -> work.apply(context).onComplete(p)))
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private SpanData named(String name) {
    List<SpanData> found =
        exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(found).as("spans named %s", name).hasSize(1);
    return found.get(0);
  }

  @Test
  void givenATracedAndAnOldRecord_batch_endsOneChildSpanForTheTracedOneAfterTheCommit() {
    ConsumeSpans.Batch batch = spans.batch();
    batch.received(
        List.of(
            KafkaHeader.header(
                "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")),
        events.get(0));
    batch.received(List.of(KafkaHeader.header("schema_version", "1")), events.get(1));
    assertThat(exported.getFinishedSpanItems()).isEmpty(); // open until the batch is committed

    batch.end(Future.succeededFuture());

    SpanData span = exported.getFinishedSpanItems().get(0);
    assertThat(exported.getFinishedSpanItems()).hasSize(1);
    assertThat(span.getName()).isEqualTo("price-events process");
    assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
    assertThat(span.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void givenAFailedBatch_end_marksItsSpansFailed() {
    ConsumeSpans.Batch batch = spans.batch();
    batch.received(
        List.of(
            KafkaHeader.header(
                "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")),
        events.get(0));

    batch.end(Future.failedFuture(new IllegalStateException("database away")));

    assertThat(exported.getFinishedSpanItems())
        .singleElement()
        .satisfies(s -> assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR));
  }
}
