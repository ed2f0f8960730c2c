package dev.marketdata.application.price;

import dev.marketdata.application.support.Bounded;
import dev.marketdata.application.support.Futures;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.ProviderChain;
import dev.marketdata.domain.model.Symbol;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Serves a batch as that many single quotes, at most {@link BatchSettings#concurrency()} at once,
 * each through {@link ServeLatestPriceUseCase}: the freshness window, single flight, fetch lease
 * and budget apply per symbol, so a batch on N replicas still makes one provider call per (symbol,
 * provider) and window. None of the providers offers a multi-symbol quote endpoint on its free
 * terms (docs/adr/0015), so there is no one-call-per-batch path.
 */
public final class GetLatestPricesService implements GetLatestPricesUseCase {
  private final ServeLatestPriceUseCase serve;
  private final BatchSettings settings;

  @Inject
  public GetLatestPricesService(ServeLatestPriceUseCase serve, BatchSettings settings) {
    this.serve = serve;
    this.settings = settings;
  }

  @Override
  public CompletionStage<BatchPrices> latest(List<String> symbols, Optional<ProviderChain> chain) {
    return Futures.defer(
        () -> {
          List<String> entries = distinct(symbols);
          AtomicReferenceArray<Object> outcomes = new AtomicReferenceArray<>(entries.size());
          List<Integer> indexes = new ArrayList<>();
          for (int i = 0; i < entries.size(); i++) {
            indexes.add(i);
          }
          return Bounded.forEach(
                  indexes,
                  settings.concurrency(),
                  i -> serveOne(entries.get(i), chain, outcomes, i))
              .thenApply(ignored -> collect(entries, outcomes));
        });
  }

  private CompletionStage<?> serveOne(
      String entry, Optional<ProviderChain> chain, AtomicReferenceArray<Object> outcomes, int i) {
    Symbol symbol;
    try {
      symbol = Symbol.of(entry);
    } catch (InvalidInput invalid) {
      outcomes.set(i, invalid);
      return CompletableFuture.completedFuture(null);
    }
    return Futures.defer(() -> serve.latest(symbol, chain))
        .handle(
            (served, failure) -> {
              outcomes.set(i, failure == null ? served : Futures.unwrap(failure));
              return null;
            });
  }

  private static BatchPrices collect(List<String> entries, AtomicReferenceArray<Object> outcomes) {
    List<ServedPrice> prices = new ArrayList<>();
    List<BatchPrices.SymbolFailure> errors = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Object outcome = outcomes.get(i);
      if (outcome instanceof ServedPrice served) {
        prices.add(served);
      } else {
        errors.add(new BatchPrices.SymbolFailure(entries.get(i), (Throwable) outcome));
      }
    }
    return new BatchPrices(prices, errors);
  }

  /**
   * The entries trimmed, each symbol once (compared as a symbol compares: case aside), in the order
   * first named; the list must be non-empty, without empty entries, and within the bound.
   */
  private List<String> distinct(List<String> symbols) {
    String shown = symbols == null ? null : String.join(",", symbols);
    if (symbols == null || symbols.isEmpty() || symbols.stream().allMatch(String::isBlank)) {
      throw new InvalidInput("symbols", shown, "must name at least one symbol");
    }
    Map<String, String> byKey = new LinkedHashMap<>();
    for (String raw : symbols) {
      if (raw == null || raw.isBlank()) {
        throw new InvalidInput(
            "symbols", shown, "must be a comma-separated list of symbols without empty entries");
      }
      String entry = raw.strip();
      byKey.putIfAbsent(entry.toUpperCase(Locale.ROOT), entry);
    }
    if (byKey.size() > settings.maxSymbols()) {
      throw new InvalidInput(
          "symbols",
          shown,
          "must name at most "
              + settings.maxSymbols()
              + " distinct symbols (named "
              + byKey.size()
              + ")");
    }
    return List.copyOf(byKey.values());
  }
}
