package dev.marketdata.application.quality;

import dev.marketdata.domain.market.TradingCalendar;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.quality.QualityRules;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;

/**
 * Whether a price is stale (ADR 0014): quoted more than {@code MDS_STALE_AFTER} ago while the XNYS
 * regular session is open. Computed when a price is served, never stored: the same point is stale
 * at 10:00 on a Tuesday and not at 10:00 on a Saturday. Every replica computes it alike from its
 * clock and the shared calendar.
 */
public final class Staleness {
  private final TradingCalendar calendar;
  private final QualityRules rules;
  private final Clock clock;
  private final QualityObserver observer;

  @Inject
  public Staleness(
      TradingCalendar calendar, QualityRules rules, Clock clock, QualityObserver observer) {
    this.calendar = calendar;
    this.rules = rules;
    this.clock = clock;
    this.observer = observer;
  }

  /** With the US equity calendar and default rules, counting nothing (tests, embedding). */
  public static Staleness of(Clock clock) {
    return new Staleness(
        TradingCalendar.usEquities(), QualityRules.defaults(), clock, QualityObserver.none());
  }

  public boolean stale(PricePoint p, Instant now) {
    return stale(p.timestamp(), now);
  }

  public boolean stale(Instant quoteTime, Instant now) {
    return quoteTime.plus(rules.staleAfter()).isBefore(now) && calendar.regularSessionOpen(now);
  }

  /** Whether a price of {@code provider} quoted at {@code quoteTime} is stale now; counts it. */
  public boolean served(ProviderId provider, Instant quoteTime) {
    boolean stale = stale(quoteTime, clock.instant());
    if (stale) {
      observer.staleServed(provider);
    }
    return stale;
  }
}
