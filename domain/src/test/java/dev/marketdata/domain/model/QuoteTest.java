package dev.marketdata.domain.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuoteTest {
  private static final Instant T = Instant.parse("2024-03-20T10:30:00Z");

  @Test
  void givenZeroPrice_quote_isRejected() {
    // Finnhub answers unknown symbols with c = 0; that must never become a price.
    assertThatThrownBy(
            () -> new Quote(Symbol.of("AAPL"), BigDecimal.ZERO, T, T, ProviderId.FINNHUB))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("price must be greater than 0");
  }

  @Test
  void givenNegativePrice_quote_isRejected() {
    assertThatThrownBy(
            () -> new Quote(Symbol.of("AAPL"), new BigDecimal("-1"), T, T, ProviderId.FINNHUB))
        .isInstanceOf(InvalidInput.class);
  }

  @Test
  void givenMissingQuoteTime_quote_namesTheField() {
    assertThatThrownBy(
            () -> new Quote(Symbol.of("AAPL"), BigDecimal.ONE, null, T, ProviderId.FINNHUB))
        .hasMessageContaining("quoteTime is required");
  }
}
