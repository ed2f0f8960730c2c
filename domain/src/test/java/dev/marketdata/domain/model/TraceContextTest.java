package dev.marketdata.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TraceContextTest {
  private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void givenW3cTexts_lenient_keepsThem() {
    TraceContext trace = TraceContext.lenient(PARENT, "k=v");

    assertThat(trace.isPresent()).isTrue();
    assertThat(trace.traceparent()).contains(PARENT);
    assertThat(trace.tracestate()).contains("k=v");
  }

  @Test
  void givenNothingOrGarbage_lenient_isNone() {
    assertThat(TraceContext.lenient(null, null)).isEqualTo(TraceContext.NONE);
    assertThat(TraceContext.lenient(" ", "k=v")).isEqualTo(TraceContext.NONE);
    assertThat(TraceContext.lenient("00-xyz", null)).isEqualTo(TraceContext.NONE);
    assertThat(TraceContext.lenient(PARENT.toUpperCase(), null)).isEqualTo(TraceContext.NONE);
  }

  @Test
  void givenABadTraceparent_constructor_namesTheField() {
    assertThatThrownBy(() -> new TraceContext(Optional.of("00-1-2-01"), Optional.empty()))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("traceparent");
  }

  @Test
  void givenAnOverlongTracestate_lenient_dropsTheWholeContext() {
    assertThat(TraceContext.lenient(PARENT, "k=" + "v".repeat(600))).isEqualTo(TraceContext.NONE);
  }
}
