package dev.marketdata.adapter.kafka;

import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import io.vertx.kafka.client.producer.KafkaHeader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The consumer's spans: one {@code <topic> process} span per traced record, each a child of the
 * context its {@code traceparent} header names, all ended when their batch's window update and
 * average commit (and the offset commit) are done. One span per record, not per batch, because a
 * batch holds records of many traces and each trace should show where its price was averaged.
 * Records without the header (old producers, tracing off) get none and cost a header scan.
 *
 * <p>Each process span has an {@code average commit} child covering the batch's averages
 * transaction (window update, average upsert and its {@code average_outbox} rows); the first of
 * them is the current span while that transaction runs, so database work traced under it (Vert.x's
 * SQL client adds client spans when a trace is current) is its child.
 */
final class ConsumeSpans {
  static final String COMMIT = "average commit";

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
    private final List<UUID> eventIds = new ArrayList<>(0);

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
      eventIds.add(event.eventId());
    }

    /**
     * Runs {@code work} (the batch's averages transaction) with an {@code average commit} span per
     * traced record, each a child of that record's process span and ended when the work is done.
     * The first is made current on a duplicate of {@code context}: the work's later steps run on
     * that duplicate, so they all see it (Vert.x keeps OpenTelemetry's current context per Vert.x
     * context), and nothing else on the verticle's context does. {@code work} is given, by event
     * id, the context of each traced record's {@code average commit} span, to store with the
     * averages that record changes (so their publish and live feed read are its children). An
     * untraced batch runs {@code work} as it is, with no context.
     */
    <T> Future<T> commit(
        io.vertx.core.Context context, Function<Map<UUID, TraceContext>, Future<T>> work) {
      if (spans.isEmpty()) {
        return work.apply(Map.of());
      }
      List<Span> commits = new ArrayList<>(spans.size());
      Map<UUID, TraceContext> traces = new HashMap<>();
      for (int i = 0; i < spans.size(); i++) {
        Span commit =
            tracer
                .spanBuilder(COMMIT)
                .setParent(Context.root().with(spans.get(i)))
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute("db.system.name", "postgresql")
                .startSpan();
        commits.add(commit);
        traces.put(eventIds.get(i), TraceHeaders.of(Context.root().with(commit)));
      }
      ContextInternal duplicate = ((ContextInternal) context).duplicate();
      Promise<T> done = duplicate.promise();
      duplicate.runOnContext(
          ignored -> {
            // Open until the work is done, not just this handler: the transaction's later steps
            // run after it returns and must see the span. The duplicate serves this work alone,
            // so nothing else sees it meanwhile (a thread-local storage, without Vert.x's, would
            // show it to the event loop's other tasks until then, never after).
            Scope scope = Context.root().with(commits.get(0)).makeCurrent();
            Future<T> result;
            try {
              result = work.apply(traces);
            } catch (RuntimeException e) {
              result = Future.failedFuture(e);
            }
            result.onComplete(
                outcome -> {
                  scope.close();
                  done.handle(outcome);
                });
          });
      return done.future().onComplete(outcome -> endAll(commits, outcome));
    }

    /** Ends every span, failed with the batch when it failed (it will be re-read). */
    void end(AsyncResult<?> outcome) {
      endAll(spans, outcome);
    }
  }

  private static void endAll(List<Span> spans, AsyncResult<?> outcome) {
    for (Span span : spans) {
      if (outcome.failed()) {
        span.recordException(outcome.cause());
        span.setStatus(StatusCode.ERROR);
      }
      span.end();
    }
  }
}
