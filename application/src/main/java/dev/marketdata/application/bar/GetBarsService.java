package dev.marketdata.application.bar;

import dev.marketdata.domain.model.BarPage;
import dev.marketdata.domain.model.BarQuery;
import dev.marketdata.domain.model.HistoryQuery;
import dev.marketdata.domain.model.MarketTimeZone;
import dev.marketdata.domain.port.BarRepository;
import dev.marketdata.domain.port.DailyBarRepository;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Resolves a bar request's defaults ({@code to} = now, {@code from} = {@code limit} intervals
 * earlier) and its cursor (the next page ends where the last began), then reads the bars, {@code
 * 1d} ones with the backfilled days ({@link BarsWithHistory}).
 */
public final class GetBarsService implements GetBarsUseCase {
  private final BarRepository bars;
  private final MarketTimeZone zone;
  private final Clock clock;

  @Inject
  public GetBarsService(
      BarRepository bars, DailyBarRepository history, MarketTimeZone zone, Clock clock) {
    this.bars = BarsWithHistory.of(bars, history, clock);
    this.zone = zone;
    this.clock = clock;
  }

  @Override
  public CompletionStage<BarPage> bars(BarRequest r) {
    Instant to = r.to().orElseGet(clock::instant);
    Instant from =
        r.from()
            .orElseGet(
                () -> {
                  Instant back = r.interval().minus(to, r.limit(), zone.zone());
                  return back.isBefore(HistoryQuery.EARLIEST) ? HistoryQuery.EARLIEST : back;
                });
    // Validates from < to, bounds and limit before a cursor narrows the range.
    BarQuery query =
        new BarQuery(r.symbol(), r.provider(), r.interval(), from, to, r.limit(), zone.zone());
    if (r.cursor().isPresent()) {
      Instant before = r.cursor().get().before();
      if (!before.isAfter(from)) {
        return CompletableFuture.completedFuture(BarPage.empty());
      }
      if (before.isBefore(to)) {
        query =
            new BarQuery(
                r.symbol(), r.provider(), r.interval(), from, before, r.limit(), zone.zone());
      }
    }
    return bars.bars(query);
  }
}
