package dev.marketdata.bootstrap.tracing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the current span's {@code trace_id} and {@code span_id} in the MDC of every log line that
 * will be written, so both log formats carry them beside {@code request_id} and a line can be found
 * from its trace (and back). Only for lines whose level is enabled, so disabled debug calls on the
 * hot path cost nothing more; with tracing off there is never a valid span and the keys stay out.
 */
public final class TraceIdsInMdc extends TurboFilter {
  static final String TRACE_ID = "trace_id";
  static final String SPAN_ID = "span_id";

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    // The effective level directly: logger.isEnabledFor would run the turbo filters, this one too.
    if (level == null || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
      return FilterReply.NEUTRAL;
    }
    SpanContext span = Span.current().getSpanContext();
    if (span.isValid()) {
      MDC.put(TRACE_ID, span.getTraceId());
      MDC.put(SPAN_ID, span.getSpanId());
    } else if (MDC.get(TRACE_ID) != null) {
      MDC.remove(TRACE_ID);
      MDC.remove(SPAN_ID);
    }
    return FilterReply.NEUTRAL;
  }
}
