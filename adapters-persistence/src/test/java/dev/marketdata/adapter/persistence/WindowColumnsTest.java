package dev.marketdata.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.average.MovingAverageWindow;
import dev.marketdata.domain.average.WindowKey;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WindowColumnsTest {
  private static final Symbol SYMBOL = Symbol.of("BRK.B");
  private static final WindowKey KEY = new WindowKey(SYMBOL, ProviderId.FINNHUB, 5);

  private static PriceEvent event(String price, String time) {
    return new PriceEvent(
        SYMBOL, new BigDecimal(price), Instant.parse(time), ProviderId.FINNHUB, UUID.randomUUID());
  }

  @Test
  void givenPrices_pricesLiteral_isANumericArrayThatKeepsEachScale() {
    List<PriceEvent> entries =
        List.of(
            event("0.00012340", "2024-03-20T10:30:00.123456Z"),
            event("100.10", "2024-03-20T10:30:01Z"),
            event("1E+3", "2024-03-20T10:30:02Z"));

    assertThat(WindowColumns.pricesLiteral(entries)).isEqualTo("{0.00012340,100.10,1000}");
    assertThat(WindowColumns.pricesLiteral(List.of())).isEqualTo("{}");
  }

  @Test
  void givenNegativeScale_stored_isThePlainNumberNumericKeeps() {
    assertThat(WindowColumns.stored(new BigDecimal("1.5E+2"))).isEqualTo(new BigDecimal("150"));
    BigDecimal exact = new BigDecimal("100.10");
    assertThat(WindowColumns.stored(exact)).isSameAs(exact);
  }

  @Test
  void givenColumns_decode_restoresTheWindowInOrder() {
    PriceEvent older = event("100.10", "2024-03-20T10:30:00.123456Z");
    PriceEvent newer = event("0.00012340", "2024-03-20T10:30:01Z");

    MovingAverageWindow window =
        WindowColumns.decode(
            KEY,
            new UUID[] {older.rawResponseId(), newer.rawResponseId()},
            new BigDecimal[] {older.price(), newer.price()},
            new OffsetDateTime[] {
              older.timestamp().atOffset(ZoneOffset.UTC), newer.timestamp().atOffset(ZoneOffset.UTC)
            });

    assertThat(window.entries()).containsExactly(older, newer);
    assertThat(window.entries().get(0).price().scale()).isEqualTo(2);
  }

  @Test
  void givenColumnsOfDifferentLengths_decode_failsNamingTheWindow() {
    assertThatThrownBy(
            () ->
                WindowColumns.decode(
                    KEY, new UUID[] {UUID.randomUUID()}, new BigDecimal[0], new OffsetDateTime[0]))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1 ids, 0 prices and 0 times");
  }
}
