package dev.marketdata.adapter.persistence;

import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The span of one ingest transaction ({@code ingest store}): a child of the first traced quote's
 * fetch, linked to the other traced quotes of the batch (single quotes share transactions, so one
 * commit may belong to many traces). A batch without a traced quote gets no span: an untraced
 * service pays one loop over the batch.
 */
final class StoreSpans {
  static final String NAME = "ingest store";

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

  private final Tracer tracer;

  StoreSpans(Tracer tracer) {
    this.tracer = tracer;
  }

  /** The context a stored W3C trace context stands for; the root context when there is none. */
  static Context parent(TraceContext trace) {
    if (!trace.isPresent()) {
      return Context.root();
    }
    Map<String, String> headers =
        trace.tracestate().isPresent()
            ? Map.of(
                "traceparent", trace.traceparent().get(), "tracestate", trace.tracestate().get())
            : Map.of("traceparent", trace.traceparent().get());
    return W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, MAP);
  }

  <T> Future<T> around(List<FetchedQuote> batch, Supplier<Future<T>> transaction) {
    Context parent = null;
    Span span = null;
    for (FetchedQuote quote : batch) {
      if (!quote.trace().isPresent()) {
        continue;
      }
      if (span == null) {
        parent = parent(quote.trace());
        span =
            tracer
                .spanBuilder(NAME)
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("db.system.name", "postgresql")
                .setAttribute("db.operation.name", "INSERT")
                .setAttribute("mds.quotes", batch.size())
                .startSpan();
      } else {
        SpanContext other = Span.fromContext(parent(quote.trace())).getSpanContext();
        if (!other.getTraceId().equals(span.getSpanContext().getTraceId())) {
          span.addLink(other);
        }
      }
    }
    if (span == null) {
      return transaction.get();
    }
    Span started = span;
    return transaction
        .get()
        .onComplete(
            done -> {
              if (done.failed()) {
                started.recordException(done.cause());
                started.setStatus(StatusCode.ERROR);
              }
              started.end();
            });
  }
}
