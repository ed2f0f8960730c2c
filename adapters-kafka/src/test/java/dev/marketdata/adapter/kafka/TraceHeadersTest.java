package dev.marketdata.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.kafka.client.producer.KafkaHeader;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceHeadersTest {
  private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void givenAStoredContext_headers_roundTripThroughARecord() {
    TraceContext stored = TraceContext.lenient(PARENT, "vendor=a1,mds=b2");

    List<KafkaHeader> headers = TraceHeaders.headers(stored);

    assertThat(headers).extracting(KafkaHeader::key).containsExactly("traceparent", "tracestate");
    assertThat(TraceHeaders.read(headers)).isEqualTo(stored);
  }

  @Test
  void givenAStoredContext_parent_isTheRemoteSpanItNames() {
    SpanContext parent =
        Span.fromContext(TraceHeaders.parent(TraceContext.lenient(PARENT, null))).getSpanContext();

    assertThat(parent.isRemote()).isTrue();
    assertThat(parent.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(parent.getSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(parent.isSampled()).isTrue();
    assertThat(TraceHeaders.of(TraceHeaders.parent(TraceContext.lenient(PARENT, null))))
        .isEqualTo(TraceContext.lenient(PARENT, null));
  }

  @Test
  void givenNoTrace_headers_areNoneAndAnOldProducersRecordReadsAsUntraced() {
    assertThat(TraceHeaders.headers(TraceContext.NONE)).isEmpty();
    List<KafkaHeader> oldProducer =
        List.of(
            KafkaHeader.header("event_id", "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b"),
            KafkaHeader.header("schema_version", "1"));

    assertThat(TraceHeaders.read(oldProducer)).isEqualTo(TraceContext.NONE);
    assertThat(Span.fromContext(TraceHeaders.parent(TraceContext.NONE)).getSpanContext().isValid())
        .isFalse();
  }

  @Test
  void givenAMalformedTraceparent_read_ignoresItRatherThanFailTheRecord() {
    assertThat(TraceHeaders.read(List.of(KafkaHeader.header("traceparent", "not-a-trace"))))
        .isEqualTo(TraceContext.NONE);
    assertThat(
            TraceHeaders.read(
                List.of(KafkaHeader.header("tracestate", "k=v")))) // state without a parent
        .isEqualTo(TraceContext.NONE);
  }
}
