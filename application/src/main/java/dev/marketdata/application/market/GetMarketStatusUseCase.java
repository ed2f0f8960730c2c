package dev.marketdata.application.market;

import dev.marketdata.domain.market.Exchange;
import dev.marketdata.domain.market.MarketStatus;
import java.time.Instant;
import java.util.Optional;

/** Whether an exchange is open, in which session, and when it next opens and closes. */
public interface GetMarketStatusUseCase {
  /**
   * The exchange's status at {@code at}, or now when empty; fails with {@link
   * dev.marketdata.domain.failure.CalendarUnknown} outside the trading calendar's years.
   */
  MarketStatus status(Exchange exchange, Optional<Instant> at);
}
