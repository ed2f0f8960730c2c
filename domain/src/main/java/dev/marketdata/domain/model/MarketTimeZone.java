package dev.marketdata.domain.model;

import java.time.ZoneId;

/** The time zone of the market whose calendar days {@code 1d} bars follow. */
public record MarketTimeZone(ZoneId zone) {
  public static final MarketTimeZone NEW_YORK = new MarketTimeZone(ZoneId.of("America/New_York"));

  public MarketTimeZone {
    Required.field("zone", zone);
  }
}
