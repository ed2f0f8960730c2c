package dev.marketdata.application.market;

import dev.marketdata.domain.market.Exchange;
import dev.marketdata.domain.market.MarketStatus;
import dev.marketdata.domain.market.TradingCalendar;
import dev.marketdata.domain.model.Required;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Answers from the bundled trading calendar alone: no storage, no provider, no state shared between
 * replicas, so N API processes give the same answer for the same instant.
 */
public final class GetMarketStatusService implements GetMarketStatusUseCase {
  private final TradingCalendar calendar;
  private final Clock clock;

  @Inject
  public GetMarketStatusService(TradingCalendar calendar, Clock clock) {
    this.calendar = calendar;
    this.clock = clock;
  }

  @Override
  public MarketStatus status(Exchange exchange, Optional<Instant> at) {
    Required.field("exchange", exchange);
    return calendar.status(exchange, at.orElseGet(clock::instant));
  }
}
