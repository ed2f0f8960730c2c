package dev.marketdata.application.fake;

import dev.marketdata.domain.model.Bar;
import dev.marketdata.domain.model.BarCursor;
import dev.marketdata.domain.model.BarPage;
import dev.marketdata.domain.model.BarQuery;
import dev.marketdata.domain.model.HistoryPage;
import dev.marketdata.domain.model.HistoryQuery;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.port.BarRepository;
import dev.marketdata.domain.port.PricePointRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * Bars folded in Java over every stored point of the range (read through {@link
 * PricePointRepository#history}): the plain definition the PostgreSQL adapter must match.
 */
public final class InMemoryBars implements BarRepository {
  private static final Comparator<PricePoint> EVENT_ORDER =
      Comparator.comparing(PricePoint::toEvent, PriceEvent.ORDER);

  private final PricePointRepository points;
  private final Clock clock;

  public InMemoryBars(PricePointRepository points, Clock clock) {
    this.points = points;
    this.clock = clock;
  }

  @Override
  public CompletionStage<BarPage> bars(BarQuery q) {
    Instant from = q.pointsFrom();
    Instant to = q.pointsTo();
    if (!from.isBefore(to)) {
      return java.util.concurrent.CompletableFuture.completedFuture(BarPage.empty());
    }
    return points
        .history(
            new HistoryQuery(
                q.symbol(), q.provider(), from, to, HistoryQuery.MAX_LIMIT, Optional.empty()))
        .thenApply(page -> fold(q, page));
  }

  private BarPage fold(BarQuery q, HistoryPage page) {
    if (page.next().isPresent()) {
      throw new UnsupportedOperationException("the fake folds at most one history page");
    }
    TreeMap<Instant, List<PricePoint>> buckets = new TreeMap<>(Comparator.reverseOrder());
    for (PricePoint p : page.prices()) {
      if (p.suspect()) {
        continue; // suspect prices are in no bar (ADR 0014)
      }
      buckets
          .computeIfAbsent(
              q.interval().bucketStart(p.timestamp(), q.zone()), k -> new ArrayList<>())
          .add(p);
    }
    Instant now = clock.instant();
    List<Bar> newestFirst = new ArrayList<>();
    buckets.forEach(
        (start, in) -> {
          in.sort(EVENT_ORDER);
          PricePoint high = in.stream().max(Comparator.comparing(PricePoint::price)).orElseThrow();
          PricePoint low = in.stream().min(Comparator.comparing(PricePoint::price)).orElseThrow();
          Instant end = q.interval().bucketEnd(start, q.zone());
          newestFirst.add(
              new Bar(
                  q.symbol(),
                  q.provider(),
                  q.interval(),
                  start,
                  end,
                  in.get(0).price(),
                  high.price(),
                  low.price(),
                  in.get(in.size() - 1).price(),
                  in.size(),
                  !end.isAfter(now)));
        });
    Optional<BarCursor> next = Optional.empty();
    List<Bar> kept = newestFirst;
    if (kept.size() > q.limit()) {
      kept = kept.subList(0, q.limit());
      next = Optional.of(new BarCursor(q.interval(), kept.get(kept.size() - 1).start()));
    }
    List<Bar> ascending = new ArrayList<>(kept);
    java.util.Collections.reverse(ascending);
    return new BarPage(ascending, next);
  }
}
