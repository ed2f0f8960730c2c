package dev.marketdata.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuoteTimesTest {
  private static final Instant RECEIVED = Instant.parse("2026-11-30T12:00:00Z");
  private static final QuoteTimes FIVE_MINUTES = new QuoteTimes(Duration.ofMinutes(5));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1970-01-01T00:00:00Z",
        "2024-03-20T10:30:00Z",
        "2026-11-30T12:00:00Z",
        "2026-11-30T12:05:00Z"
      })
  void givenATimeFromTheEpochUpToTheSkew_check_acceptsIt(String time) {
    Instant t = Instant.parse(time);
    assertThat(FIVE_MINUTES.check("timestamp", t, RECEIVED)).isEqualTo(t);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+300000-01-01T00:00:00Z",
        "2026-11-30T12:05:00.000000001Z",
        "2027-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999999999Z",
        "-1000000000-01-01T00:00:00Z"
      })
  void givenATimeOutsideTheWindow_check_failsNamingTheField(String time) {
    assertThatThrownBy(() -> FIVE_MINUTES.check("timestamp", Instant.parse(time), RECEIVED))
        .isInstanceOf(InvalidInput.class)
        .extracting(e -> ((InvalidInput) e).field())
        .isEqualTo("timestamp");
  }

  @Test
  void givenAFutureTime_theMessageSaysWhatWasAllowed() {
    assertThatThrownBy(
            () -> FIVE_MINUTES.check("t", Instant.parse("+300000-01-01T00:00:00Z"), RECEIVED))
        .hasMessageContaining("t must not be later than 2026-11-30T12:05:00Z");
  }

  @Test
  void givenNoSkew_aTimeJustAfterReceipt_isRejected() {
    assertThatThrownBy(() -> QuoteTimes.check("t", RECEIVED.plusMillis(1), RECEIVED, Duration.ZERO))
        .isInstanceOf(InvalidInput.class);
  }

  @Test
  void givenANegativeOrHugeSkew_policy_isRejected() {
    assertThatThrownBy(() -> new QuoteTimes(Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> new QuoteTimes(Duration.ofDays(2))).isInstanceOf(InvalidInput.class);
  }
}
