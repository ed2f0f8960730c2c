package dev.marketdata.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.Future;
import io.vertx.kafka.client.producer.KafkaHeader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsumeSpansTest {
  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  // The provider in a field of its own, so the test holds it for its whole length.
  private final SdkTracerProvider tracing =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
  private final ConsumeSpans spans = new ConsumeSpans(tracing.get("test"), "price-events");
  private final List<PriceEvent> events =
      KafkaTestSupport.events(List.of("AAPL", "MSFT"), List.of(ProviderId.FINNHUB), 1);

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
