package dev.marketdata.domain.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HistoryQueryTest {
  @Test
  void givenAToPastTheLatestInstant_query_namesTo() {
    assertThatThrownBy(
            () ->
                new HistoryQuery(
                    Symbol.of("AAPL"),
                    ProviderId.FINNHUB,
                    Instant.EPOCH,
                    Instant.parse("+1000000000-01-01T00:00:00Z"),
                    10,
                    Optional.empty()))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("to must lie between");
  }

  @Test
  void givenAFromBeforeTheEpoch_query_namesFrom() {
    assertThatThrownBy(
            () ->
                new HistoryQuery(
                    Symbol.of("AAPL"),
                    ProviderId.FINNHUB,
                    Instant.EPOCH.minusSeconds(1),
                    Instant.EPOCH.plusSeconds(1),
                    10,
                    Optional.empty()))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("from must lie between");
  }
}
