package dev.marketdata.domain.market;

import dev.marketdata.domain.model.Required;
import java.time.Instant;

/**
 * What an exchange is doing at {@code asOf}: its session, whether the regular session is open, why
 * not (or why it closes early), and when it next opens and closes.
 *
 * @param isOpen whether the regular session is open
 * @param reason the holiday's name, {@code weekend}, {@code early close at 13:00}, or null
 * @param nextOpen the next regular open strictly after {@code asOf} (while the regular session is
 *     open, the next day's); null when that lies beyond the calendar's table
 * @param nextClose the close of the current or next regular session; null beyond the table
 */
public record MarketStatus(
    Exchange exchange,
    MarketSession session,
    boolean isOpen,
    String reason,
    Instant nextOpen,
    Instant nextClose,
    Instant asOf) {
  public MarketStatus {
    Required.field("exchange", exchange);
    Required.field("session", session);
    Required.field("as_of", asOf);
  }
}
