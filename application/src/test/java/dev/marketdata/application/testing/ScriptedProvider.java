package dev.marketdata.application.testing;

import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.model.RateLimit;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.testsupport.Samples;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A provider for scheduling tests: answers at once with a quote, except for symbols told to hang
 * (answered when the test says); like the real provider it answers 429 when a call would exceed one
 * of its per-second-or-longer limits, counted over a sliding window of the test clock.
 */
public final class ScriptedProvider implements QuoteProvider {
  private final ProviderId id;
  private final List<RateLimit> limits;
  private final Clock clock;
  private final List<Instant> calls = new ArrayList<>(); // guarded by this
  private final List<Symbol> called = new ArrayList<>(); // guarded by this
  private final Set<Symbol> hanging = ConcurrentHashMap.newKeySet();
  private final Map<Symbol, CompletableFuture<FetchedQuote>> held = new ConcurrentHashMap<>();
  private int throttled; // guarded by this

  public ScriptedProvider(ProviderId id, Clock clock, RateLimit... limits) {
    this.id = id;
    this.clock = clock;
    this.limits = List.of(limits);
  }

  /** Calls for these symbols stay unanswered until {@link #answer}. */
  public void hang(Symbol... symbols) {
    hanging.addAll(List.of(symbols));
  }

  public void answer(Symbol symbol) {
    hanging.remove(symbol);
    CompletableFuture<FetchedQuote> call = held.remove(symbol);
    if (call != null) {
      call.complete(Samples.fetched(symbol.value(), id, "100", clock.instant()));
    }
  }

  @Override
  public ProviderId id() {
    return id;
  }

  @Override
  public CompletionStage<FetchedQuote> fetch(Symbol symbol) {
    Instant now = clock.instant();
    synchronized (this) {
      called.add(symbol);
      for (RateLimit limit : limits) {
        Instant windowStart = now.minus(limit.period());
        long inWindow = calls.stream().filter(t -> t.isAfter(windowStart)).count();
        if (inWindow >= limit.permits()) {
          throttled++;
          return CompletableFuture.failedFuture(
              new ProviderThrottled(id.value(), limit.period(), false, "429 from " + id));
        }
      }
      calls.add(now);
    }
    if (hanging.contains(symbol)) {
      CompletableFuture<FetchedQuote> call = new CompletableFuture<>();
      held.put(symbol, call);
      return call;
    }
    return CompletableFuture.completedFuture(Samples.fetched(symbol.value(), id, "100", now));
  }

  @Override
  public ProviderStatus status() {
    return ProviderStatus.available(id, limits, List.of());
  }

  /** When each call that was not throttled was made, in order. */
  public synchronized List<Instant> callTimes() {
    return List.copyOf(calls);
  }

  public synchronized List<Symbol> called() {
    return List.copyOf(called);
  }

  public synchronized int throttled() {
    return throttled;
  }
}
