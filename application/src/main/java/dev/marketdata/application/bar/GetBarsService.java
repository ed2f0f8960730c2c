package dev.marketdata.application.bar;

import dev.marketdata.domain.model.Bar;
import dev.marketdata.domain.model.BarCursor;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.BarPage;
import dev.marketdata.domain.model.BarQuery;
import dev.marketdata.domain.model.DailyBar;
import dev.marketdata.domain.model.HistoryQuery;
import dev.marketdata.domain.model.MarketTimeZone;
import dev.marketdata.domain.port.BarRepository;
import dev.marketdata.domain.port.DailyBarRepository;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Resolves a bar request's defaults ({@code to} = now, {@code from} = {@code limit} intervals
 * earlier) and its cursor (the next page ends where the last began), then reads the bars. A {@code
 * 1d} page also holds the days a backfill stored: such a day is the provider's own daily bar
 * ({@code source} history), which replaces the aggregation of whatever prices were polled that day;
 * days without one stay aggregated from the stored prices.
 */
public final class GetBarsService implements GetBarsUseCase {
  private final BarRepository bars;
  private final DailyBarRepository history;
  private final MarketTimeZone zone;
  private final Clock clock;

  @Inject
  public GetBarsService(
      BarRepository bars, DailyBarRepository history, MarketTimeZone zone, Clock clock) {
    this.bars = bars;
    this.history = history;
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
    if (query.interval() != BarInterval.ONE_DAY) {
      return bars.bars(query);
    }
    BarQuery days = query;
    ZoneId zoneId = zone.zone();
    // Days whose start lies in [from, to), as the aggregated bars are chosen.
    LocalDate first = LocalDate.ofInstant(days.from(), zoneId);
    if (first.atStartOfDay(zoneId).toInstant().isBefore(days.from())) {
      first = first.plusDays(1);
    }
    LocalDate afterLast = LocalDate.ofInstant(days.to().minusNanos(1), zoneId).plusDays(1);
    if (!first.isBefore(afterLast)) {
      return bars.bars(days);
    }
    return bars.bars(days)
        .thenCombine(
            history.dailyBars(days.symbol(), days.provider(), first, afterLast),
            (aggregated, stored) -> merge(aggregated, stored, days.limit()));
  }

  /**
   * The most recent {@code limit} of the aggregated page and the stored days, a stored day
   * replacing the aggregated bar that starts at the same instant. The aggregated page holds the
   * most recent {@code limit} aggregated days, so no aggregated day newer than the oldest it holds
   * is missing from the union.
   */
  private BarPage merge(BarPage aggregated, List<DailyBar> stored, int limit) {
    Instant now = clock.instant();
    TreeMap<Instant, Bar> byStart = new TreeMap<>();
    aggregated.bars().forEach(b -> byStart.put(b.start(), b));
    stored.forEach(
        d ->
            byStart.put(
                d.day().atStartOfDay(zone.zone()).toInstant(), Bar.ofHistory(d, zone.zone(), now)));
    List<Bar> all = new ArrayList<>(byStart.values());
    List<Bar> page = all.subList(Math.max(0, all.size() - limit), all.size());
    boolean older = aggregated.next().isPresent() || all.size() > limit;
    Optional<BarCursor> next =
        older && !page.isEmpty()
            ? Optional.of(new BarCursor(BarInterval.ONE_DAY, page.get(0).start()))
            : Optional.empty();
    return new BarPage(page, next);
  }
}
