package dev.marketdata.bootstrap.tracing;

import dev.marketdata.bootstrap.runtime.FetchDecorator;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.model.TraceContext;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A {@code provider fetch} span (kind CLIENT) around every quote fetch, whichever provider serves
 * it (the simulated one too): a child of the current context, which is the HTTP request's server
 * span for {@code GET /prices/latest} and nothing for a poll tick (each polled quote then starts
 * its own trace). The fetched quote carries the span's context on, so the ingest stores it with the
 * outbox row. With tracing off the span is a no-op and the quote goes on untraced.
 */
public final class TracedQuoteProviders extends FetchDecorator {
  static final String SPAN = "provider fetch";

  private final Tracer tracer;

  public TracedQuoteProviders(QuoteProviders delegate, Tracer tracer) {
    super(delegate);
    this.tracer = tracer;
  }

  /** The W3C texts naming {@code span} as the parent; NONE when it records nothing. */
  static TraceContext contextOf(Span span) {
    if (!span.getSpanContext().isValid()) {
      return TraceContext.NONE;
    }
    Map<String, String> carrier = new HashMap<>(2);
    W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), carrier, Map::put);
    return TraceContext.lenient(carrier.get("traceparent"), carrier.get("tracestate"));
  }

  @Override
  protected CompletionStage<FetchedQuote> fetch(QuoteProvider provider, Symbol symbol) {
    Span span =
        tracer
            .spanBuilder(SPAN)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("mds.provider", provider.id().value())
            .setAttribute("mds.symbol", symbol.value())
            .startSpan();
    if (!span.getSpanContext().isValid()) {
      return provider.fetch(symbol); // tracing off (or this trace not sampled)
    }
    TraceContext trace = contextOf(span);
    CompletionStage<FetchedQuote> fetched;
    try (var scope = span.makeCurrent()) {
      fetched = provider.fetch(symbol);
    } catch (RuntimeException e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR);
      span.end();
      throw e;
    }
    return fetched
        .whenComplete(
            (quote, failure) -> {
              if (failure != null) {
                Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                span.recordException(cause);
                span.setStatus(StatusCode.ERROR, cause.getClass().getSimpleName());
              } else {
                span.setAttribute("mds.raw_response_id", quote.raw().id().toString());
              }
              span.end();
            })
        .thenApply(quote -> quote.withTrace(trace));
  }
}
