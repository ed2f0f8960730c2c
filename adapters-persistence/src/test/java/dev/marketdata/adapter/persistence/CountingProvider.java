package dev.marketdata.adapter.persistence;

import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.testsupport.Samples;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The provider every replica calls, counting the calls: it answers each one with a fresh quote as
 * the test's {@code answer} function says (at once, later, or held until {@link #answerHeld}), and
 * records the most calls that were open at once.
 */
final class CountingProvider implements QuoteProvider {
  private final Clock clock = Clock.systemUTC();
  private final ProviderId id;
  private final Function<Symbol, CompletableFuture<Void>> answer;
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger mostOpen = new AtomicInteger();
  private final List<CompletableFuture<Void>> held = new ArrayList<>(); // guarded by this
  private volatile boolean holding;

  /** {@code answer} completes when the call is to be answered; failed, the call fails with it. */
  CountingProvider(Function<Symbol, CompletableFuture<Void>> answer) {
    this(ProviderId.FINNHUB, answer);
  }

  /** As {@code id}, for replicas that ask several providers. */
  CountingProvider(ProviderId id, Function<Symbol, CompletableFuture<Void>> answer) {
    this.id = id;
    this.answer = answer;
  }

  /** Every call waits until {@link #answerHeld}. */
  static CountingProvider holding() {
    return holding(ProviderId.FINNHUB);
  }

  /** As {@code id}; every call waits until {@link #answerHeld}. */
  static CountingProvider holding(ProviderId id) {
    CountingProvider provider = new CountingProvider(id, null);
    provider.holding = true;
    return provider;
  }

  @Override
  public ProviderId id() {
    return id;
  }

  @Override
  public CompletionStage<FetchedQuote> fetch(Symbol symbol) {
    calls.incrementAndGet();
    mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
    CompletableFuture<Void> when;
    if (holding) {
      when = new CompletableFuture<>();
      synchronized (this) {
        held.add(when);
      }
    } else {
      when = answer.apply(symbol);
    }
    return when.handle(
        (ok, failure) -> {
          open.decrementAndGet();
          if (failure != null) {
            throw new java.util.concurrent.CompletionException(failure);
          }
          // Fetched when answered, as a real provider's answer is.
          return Samples.fetched(symbol.value(), id(), "100", clock.instant());
        });
  }

  /** Answers the calls held so far, in order; with {@code failure}, the first fails with it. */
  void answerHeld(Throwable failure) {
    List<CompletableFuture<Void>> now;
    synchronized (this) {
      now = List.copyOf(held);
      held.clear();
    }
    for (int i = 0; i < now.size(); i++) {
      if (i == 0 && failure != null) {
        now.get(i).completeExceptionally(failure);
      } else {
        now.get(i).complete(null);
      }
    }
  }

  synchronized int held() {
    return held.size();
  }

  int calls() {
    return calls.get();
  }

  /** The most calls that were open at the same time. */
  int mostOpen() {
    return mostOpen.get();
  }

  @Override
  public ProviderStatus status() {
    return ProviderStatus.available(id(), List.of(), List.of());
  }
}
