package dev.marketdata.application.bar;

import dev.marketdata.domain.model.Bar;
import dev.marketdata.domain.model.BarCursor;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.BarPage;
import dev.marketdata.domain.model.BarQuery;
import dev.marketdata.domain.model.DailyBar;
import dev.marketdata.domain.port.BarRepository;
import dev.marketdata.domain.port.DailyBarRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * The bars of stored prices with, for {@code 1d}, the days a backfill stored: such a day is the
 * provider's own daily bar ({@code source} history), which replaces the aggregation of whatever
 * prices were polled that day; days without one stay aggregated. Both the bars route and the
 * indicators over bar closes read through it, so a backfill serves both.
 */
public final class BarsWithHistory implements BarRepository {
  private final BarRepository bars;
  private final DailyBarRepository history;
  private final Clock clock;

  BarsWithHistory(BarRepository bars, DailyBarRepository history, Clock clock) {
    this.bars = bars;
    this.history = history;
    this.clock = clock;
  }

  /** A bar repository that also serves backfilled days; for use cases outside this package. */
  public static BarRepository of(BarRepository bars, DailyBarRepository history, Clock clock) {
    return new BarsWithHistory(bars, history, clock);
  }

  @Override
  public CompletionStage<BarPage> bars(BarQuery query) {
    if (query.interval() != BarInterval.ONE_DAY) {
      return bars.bars(query);
    }
    ZoneId zone = query.zone();
    // Days whose start lies in [from, to), as the aggregated bars are chosen.
    LocalDate first = LocalDate.ofInstant(query.from(), zone);
    if (first.atStartOfDay(zone).toInstant().isBefore(query.from())) {
      first = first.plusDays(1);
    }
    LocalDate afterLast = LocalDate.ofInstant(query.to().minusNanos(1), zone).plusDays(1);
    if (!first.isBefore(afterLast)) {
      return bars.bars(query);
    }
    return bars.bars(query)
        .thenCombine(
            history.dailyBars(query.symbol(), query.provider(), first, afterLast),
            (aggregated, stored) -> merge(aggregated, stored, query.limit(), zone));
  }

  /**
   * The most recent {@code limit} of the aggregated page and the stored days, a stored day
   * replacing the aggregated bar that starts at the same instant. The aggregated page holds the
   * most recent {@code limit} aggregated days, so no aggregated day newer than the oldest it holds
   * is missing from the union.
   */
  private BarPage merge(BarPage aggregated, List<DailyBar> stored, int limit, ZoneId zone) {
    Instant now = clock.instant();
    TreeMap<Instant, Bar> byStart = new TreeMap<>();
    aggregated.bars().forEach(b -> byStart.put(b.start(), b));
    for (DailyBar day : stored) {
      Bar bar = Bar.ofHistory(day, zone, now);
      byStart.put(bar.start(), bar);
    }
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
