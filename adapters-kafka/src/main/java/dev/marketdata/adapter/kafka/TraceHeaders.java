package dev.marketdata.adapter.kafka;

import dev.marketdata.domain.model.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.vertx.kafka.client.producer.KafkaHeader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The W3C Trace Context on Kafka records: headers {@code traceparent} and, when there is one,
 * {@code tracestate}, as UTF-8 text exactly as in HTTP. A record without them (an old producer, a
 * relay with tracing off) is simply not part of a trace; a malformed one is ignored the same way,
 * never dead-lettered: the event is good whatever its trace header says.
 */
final class TraceHeaders {
  static final String TRACEPARENT = "traceparent";
  static final String TRACESTATE = "tracestate";

  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

  private static final TextMapGetter<Map<String, String>> MAP =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private TraceHeaders() {}

  /** The stored context as the parent it names; the root context when there is none. */
  static Context parent(TraceContext trace) {
    if (!trace.isPresent()) {
      return Context.root();
    }
    Map<String, String> carrier = new HashMap<>(2);
    carrier.put(TRACEPARENT, trace.traceparent().get());
    trace.tracestate().ifPresent(state -> carrier.put(TRACESTATE, state));
    return W3C.extract(Context.root(), carrier, MAP);
  }

  /**
   * The texts that name {@code context}'s span as the parent, or {@link TraceContext#NONE} when it
   * has no valid span.
   */
  static TraceContext of(Context context) {
    if (!Span.fromContext(context).getSpanContext().isValid()) {
      return TraceContext.NONE;
    }
    Map<String, String> carrier = new HashMap<>(2);
    W3C.inject(context, carrier, Map::put);
    return TraceContext.lenient(carrier.get(TRACEPARENT), carrier.get(TRACESTATE));
  }

  /** The headers carrying {@code trace}; none when it is {@link TraceContext#NONE}. */
  static List<KafkaHeader> headers(TraceContext trace) {
    if (!trace.isPresent()) {
      return List.of();
    }
    KafkaHeader parent = KafkaHeader.header(TRACEPARENT, trace.traceparent().get());
    return trace
        .tracestate()
        .map(state -> List.of(parent, KafkaHeader.header(TRACESTATE, state)))
        .orElse(List.of(parent));
  }

  /** What a received record's headers say; {@link TraceContext#NONE} without a usable one. */
  static TraceContext read(List<KafkaHeader> headers) {
    String parent = null;
    String state = null;
    for (KafkaHeader header : headers) {
      if (header.value() == null) {
        continue;
      }
      if (TRACEPARENT.equals(header.key())) {
        parent = header.value().toString(StandardCharsets.UTF_8);
      } else if (TRACESTATE.equals(header.key())) {
        state = header.value().toString(StandardCharsets.UTF_8);
      }
    }
    return TraceContext.lenient(parent, state);
  }
}
