package dev.marketdata.bootstrap.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The filter as logback.xml installs it: in a context, on real log calls. */
class TraceIdsInMdcTest {
  private final LoggerContext context = new LoggerContext();
  private final Logger logger = context.getLogger("test");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Span span =
      SdkTracerProvider.builder().build().get("test").spanBuilder("work").startSpan();

  @BeforeEach
  void install() {
    TraceIdsInMdc filter = new TraceIdsInMdc();
    filter.setContext(context);
    filter.start();
    context.addTurboFilter(filter);
    lines.setContext(context);
    lines.start();
    logger.addAppender(lines);
    logger.setLevel(Level.INFO);
  }

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }

  @Test
  void givenACurrentSpan_aWrittenLine_carriesItsTraceAndSpanIds_andTheNextUntracedOneNot() {
    try (var scope = span.makeCurrent()) {
      logger.info("traced");
    }
    logger.info("untraced");

    ILoggingEvent traced = lines.list.get(0);
    assertThat(traced.getMDCPropertyMap())
        .containsEntry("trace_id", span.getSpanContext().getTraceId())
        .containsEntry("span_id", span.getSpanContext().getSpanId());
    assertThat(lines.list.get(1).getMDCPropertyMap()).doesNotContainKeys("trace_id", "span_id");
  }

  @Test
  void givenADisabledLevel_aDebugCall_leavesTheMdcAlone() {
    try (var scope = span.makeCurrent()) {
      logger.debug("not written");
    }

    assertThat(lines.list).isEmpty();
    assertThat(MDC.get("trace_id")).isNull();
  }
}
