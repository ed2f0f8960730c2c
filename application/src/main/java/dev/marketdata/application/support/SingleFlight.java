package dev.marketdata.application.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One call per key at a time in this process: a caller that arrives while the key's call runs gets
 * that call's outcome instead of starting another. Once the call ended, the next caller starts
 * anew.
 */
public final class SingleFlight<K, V> {
  private final ConcurrentHashMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

  public CompletionStage<V> run(K key, Supplier<CompletionStage<V>> call) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> running = inFlight.putIfAbsent(key, mine);
    if (running != null) {
      return running.minimalCompletionStage();
    }
    Futures.defer(call)
        .whenComplete(
            (value, failure) -> {
              inFlight.remove(key, mine);
              if (failure != null) {
                mine.completeExceptionally(Futures.unwrap(failure));
              } else {
                mine.complete(value);
              }
            });
    return mine.minimalCompletionStage();
  }
}
