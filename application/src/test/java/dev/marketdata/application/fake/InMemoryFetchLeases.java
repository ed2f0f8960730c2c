package dev.marketdata.application.fake;

import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.FetchLeases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Fetch leases in one process's memory, on a given clock: the PostgreSQL table's rules. */
public final class InMemoryFetchLeases implements FetchLeases {
  private record Key(Symbol symbol, ProviderId provider) {}

  private record Lease(String holder, Instant until) {}

  private final Clock clock;
  private final Map<Key, Lease> leases = new HashMap<>(); // guarded by this

  public InMemoryFetchLeases(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized CompletionStage<Boolean> claim(
      Symbol symbol, ProviderId provider, String owner, Duration lease) {
    Instant now = clock.instant();
    Key key = new Key(symbol, provider);
    Lease held = leases.get(key);
    if (held != null && !held.until().isBefore(now)) {
      return CompletableFuture.completedFuture(false);
    }
    leases.put(key, new Lease(owner, now.plus(lease)));
    return CompletableFuture.completedFuture(true);
  }

  @Override
  public synchronized CompletionStage<Void> release(
      Symbol symbol, ProviderId provider, String owner, Duration after) {
    Key key = new Key(symbol, provider);
    Lease held = leases.get(key);
    if (held != null && held.holder().equals(owner)) {
      if (after.isZero() || after.isNegative()) {
        leases.remove(key);
      } else {
        leases.put(key, new Lease(owner, clock.instant().plus(after)));
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  /** Who holds the pair's lease now, if anyone: for tests. */
  public synchronized java.util.Optional<String> holder(Symbol symbol, ProviderId provider) {
    Lease held = leases.get(new Key(symbol, provider));
    return held == null || held.until().isBefore(clock.instant())
        ? java.util.Optional.empty()
        : java.util.Optional.of(held.holder());
  }
}
