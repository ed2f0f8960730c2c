package dev.marketdata.bootstrap.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TraceIdsInMdcTest {
  private final TraceIdsInMdc filter = new TraceIdsInMdc();
  private final Logger logger = new LoggerContext().getLogger("test");

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }

  @Test
  void givenACurrentSpan_aWrittenLine_carriesItsTraceAndSpanIds_andLosesThemAfter() {
    logger.setLevel(Level.INFO);
    Span span = SdkTracerProvider.builder().build().get("test").spanBuilder("work").startSpan();

    try (var scope = span.makeCurrent()) {
      filter.decide(null, logger, Level.INFO, "line", null, null);
      assertThat(MDC.get("trace_id")).isEqualTo(span.getSpanContext().getTraceId());
      assertThat(MDC.get("span_id")).isEqualTo(span.getSpanContext().getSpanId());
    }
    filter.decide(null, logger, Level.INFO, "line", null, null);

    assertThat(MDC.get("trace_id")).isNull();
    assertThat(MDC.get("span_id")).isNull();
  }

  @Test
  void givenADisabledLevel_decide_leavesTheMdcAlone() {
    logger.setLevel(Level.INFO);
    Span span = SdkTracerProvider.builder().build().get("test").spanBuilder("work").startSpan();

    try (var scope = span.makeCurrent()) {
      filter.decide(null, logger, Level.DEBUG, "line", null, null);
    }

    assertThat(MDC.get("trace_id")).isNull();
  }
}
