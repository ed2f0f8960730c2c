package dev.marketdata.adapter.kafka;

import dev.marketdata.domain.model.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.vertx.core.Future;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The producer spans of one send of stored events: a {@code <topic> publish} span per record whose
 * event was stored with a trace context, a child of that context, whose own context goes out as the
 * record's {@code traceparent}/{@code tracestate} headers; all ended when the broker answered. With
 * tracing off the stored context is passed on as it is (a no-op tracer's span is its parent's), so
 * consumers still join the producer's trace.
 */
final class PublishSpans {
  private final Tracer tracer;
  private final String topic;
  private final List<Span> spans = new ArrayList<>();

  PublishSpans(Tracer tracer, String topic) {
    this.tracer = tracer;
    this.topic = topic;
  }

  /** Starts {@code record}'s span and writes its headers; nothing for an untraced event. */
  void start(KafkaProducerRecord<String, byte[]> record, TraceContext stored, String eventId) {
    if (!stored.isPresent()) {
      return;
    }
    // Never made current: the Kafka client's own tracing (policy PROPAGATE) would then add a
    // second traceparent header of its own.
    Span span =
        tracer
            .spanBuilder(topic + " publish")
            .setParent(TraceHeaders.parent(stored))
            .setSpanKind(SpanKind.PRODUCER)
            .setAttribute("messaging.system", "kafka")
            .setAttribute("messaging.destination.name", topic)
            .setAttribute("messaging.message.id", eventId)
            .startSpan();
    spans.add(span);
    record.addHeaders(TraceHeaders.headers(TraceHeaders.of(Context.root().with(span))));
  }

  /** {@code sent}, ending every started span when it completes (marked failed if it failed). */
  Future<Void> endWhen(Future<Void> sent) {
    if (!spans.isEmpty()) {
      sent.onComplete(
          done -> {
            for (Span span : spans) {
              if (done.failed()) {
                span.recordException(done.cause());
                span.setStatus(StatusCode.ERROR);
              }
              span.end();
            }
          });
    }
    return sent;
  }
}
