package dev.marketdata.application.fake;

import dev.marketdata.domain.model.DailyBar;
import dev.marketdata.domain.model.FetchedHistory;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.DailyBarRepository;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Daily bars in memory, held to {@code DailyBarRepositoryContract} as the PostgreSQL one is. */
public final class InMemoryDailyBars implements DailyBarRepository {
  private record Key(Symbol symbol, ProviderId provider) {}

  private final Map<Key, TreeMap<LocalDate, DailyBar>> bars = new java.util.HashMap<>();

  @Override
  public synchronized CompletionStage<Integer> store(FetchedHistory history) {
    int changed = 0;
    for (DailyBar bar : history.bars()) {
      TreeMap<LocalDate, DailyBar> days =
          bars.computeIfAbsent(new Key(bar.symbol(), bar.provider()), k -> new TreeMap<>());
      DailyBar stored = days.get(bar.day());
      if (stored == null || !sameValues(stored, bar)) {
        days.put(bar.day(), bar);
        changed++;
      }
    }
    return CompletableFuture.completedFuture(changed);
  }

  @Override
  public synchronized CompletionStage<List<DailyBar>> dailyBars(
      Symbol symbol, ProviderId provider, LocalDate fromDay, LocalDate toDayExclusive) {
    TreeMap<LocalDate, DailyBar> days =
        bars.getOrDefault(new Key(symbol, provider), new TreeMap<>());
    return CompletableFuture.completedFuture(
        List.copyOf(days.subMap(fromDay, true, toDayExclusive, false).values()));
  }

  /** As PostgreSQL compares numerics: by value, whatever the scale. */
  private static boolean sameValues(DailyBar a, DailyBar b) {
    return a.open().compareTo(b.open()) == 0
        && a.high().compareTo(b.high()) == 0
        && a.low().compareTo(b.low()) == 0
        && a.close().compareTo(b.close()) == 0
        && Objects.equals(a.volume(), b.volume());
  }
}
