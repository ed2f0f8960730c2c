package dev.marketdata.bootstrap.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The filter as logback.xml installs it: in a context, on real log calls. */
class TraceIdsInMdcTest {
  private final LoggerContext context = new LoggerContext();
  private final Logger logger = context.getLogger("test");

  /** Each line's MDC as it was when the line was appended, as the async appender takes it. */
  private final List<Map<String, String>> lines = new ArrayList<>();

  private final AppenderBase<ILoggingEvent> appender =
      new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
          lines.add(Map.copyOf(event.getMDCPropertyMap()));
        }
      };
  private final Span span =
      Span.wrap(
          SpanContext.create(
              "4bf92f3577b34da6a3ce929d0e0e4736",
              "00f067aa0ba902b7",
              TraceFlags.getSampled(),
              TraceState.getDefault()));

  @BeforeEach
  void install() {
    context.setMDCAdapter(MDC.getMDCAdapter());
    TraceIdsInMdc filter = new TraceIdsInMdc();
    filter.setContext(context);
    filter.start();
    context.addTurboFilter(filter);
    appender.setContext(context);
    appender.start();
    logger.addAppender(appender);
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

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .containsEntry("trace_id", span.getSpanContext().getTraceId())
        .containsEntry("span_id", span.getSpanContext().getSpanId());
    assertThat(lines.get(1)).doesNotContainKeys("trace_id", "span_id");
  }

  @Test
  void givenADisabledLevel_aDebugCall_leavesTheMdcAlone() {
    try (var scope = span.makeCurrent()) {
      logger.debug("not written");
    }

    assertThat(lines).isEmpty();
    assertThat(MDC.get("trace_id")).isNull();
  }
}
