package dev.marketdata.application.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.CalendarUnknown;
import dev.marketdata.domain.market.Exchange;
import dev.marketdata.domain.market.MarketSession;
import dev.marketdata.domain.market.MarketStatus;
import dev.marketdata.domain.market.TradingCalendar;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GetMarketStatusServiceTest {
  // Thanksgiving 2026, 12:00 in New York.
  private static final Instant NOW = Instant.parse("2026-11-26T17:00:00Z");
  private final GetMarketStatusService service =
      new GetMarketStatusService(TradingCalendar.usEquities(), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void givenNoInstant_status_isAtTheClocksNow() {
    MarketStatus status = service.status(Exchange.XNYS, Optional.empty());
    assertThat(status.asOf()).isEqualTo(NOW);
    assertThat(status.session()).isEqualTo(MarketSession.CLOSED);
    assertThat(status.reason()).isEqualTo("Thanksgiving Day");
    assertThat(status.nextOpen()).isEqualTo(Instant.parse("2026-11-27T14:30:00Z"));
    assertThat(status.nextClose()).isEqualTo(Instant.parse("2026-11-27T18:00:00Z"));
  }

  @Test
  void givenInstant_status_isAtThatInstantForTheExchangeAsked() {
    Instant at = Instant.parse("2026-11-27T15:00:00Z");
    MarketStatus status = service.status(Exchange.XNAS, Optional.of(at));
    assertThat(status.exchange()).isEqualTo(Exchange.XNAS);
    assertThat(status.asOf()).isEqualTo(at);
    assertThat(status.isOpen()).isTrue();
    assertThat(status.reason()).isEqualTo("early close at 13:00");
  }

  @Test
  void givenInstantOutsideTheCalendar_status_failsWithCalendarUnknown() {
    assertThatThrownBy(
            () -> service.status(Exchange.XNYS, Optional.of(Instant.parse("2030-01-02T15:00:00Z"))))
        .isInstanceOf(CalendarUnknown.class);
  }
}
