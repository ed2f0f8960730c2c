package dev.marketdata.domain.market;

import java.util.Locale;

/** The part of a trading day an instant falls in; {@code CLOSED} at night, weekends, holidays. */
public enum MarketSession {
  PRE,
  REGULAR,
  POST,
  CLOSED;

  /** The JSON spelling: {@code pre}, {@code regular}, {@code post}, {@code closed}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
