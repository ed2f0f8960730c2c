package dev.marketdata.adapter.kafka;

import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.AsyncResult;
import io.vertx.kafka.client.producer.KafkaHeader;
import java.util.ArrayList;
import java.util.List;

/**
 * The consumer's spans: one {@code <topic> process} span per traced record, each a child of the
 * context its {@code traceparent} header names, all ended when their batch's window update and
 * average commit (and the offset commit) are done. One span per record, not per batch, because a
 * batch holds records of many traces and each trace should show where its price was averaged.
 * Records without the header (old producers, tracing off) get none and cost a header scan.
 */
final class ConsumeSpans {
  private final Tracer tracer;
  private final String name;

  ConsumeSpans(Tracer tracer, String topic) {
    this.tracer = tracer;
    this.name = topic + " process";
  }

  Batch batch() {
    return new Batch();
  }

  /** The spans of one poll's batch. */
  final class Batch {
    private final List<Span> spans = new ArrayList<>(0);

    void received(List<KafkaHeader> headers, PriceEvent event) {
      TraceContext trace = TraceHeaders.read(headers);
      if (!trace.isPresent()) {
        return;
      }
      spans.add(
          tracer
              .spanBuilder(name)
              .setParent(TraceHeaders.parent(trace))
              .setSpanKind(SpanKind.CONSUMER)
              .setAttribute("messaging.system", "kafka")
              .setAttribute("messaging.operation.type", "process")
              .setAttribute("messaging.message.id", event.eventId().toString())
              .setAttribute("mds.symbol", event.symbol().value())
              .startSpan());
    }

    /** Ends every span, failed with the batch when it failed (it will be re-read). */
    void end(AsyncResult<?> outcome) {
      for (Span span : spans) {
        if (outcome.failed()) {
          span.recordException(outcome.cause());
          span.setStatus(StatusCode.ERROR);
        }
        span.end();
      }
    }
  }
}
