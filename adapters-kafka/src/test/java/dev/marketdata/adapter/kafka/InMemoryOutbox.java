package dev.marketdata.adapter.kafka;

import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.model.OutboxObservation;
import dev.marketdata.domain.model.OutboxRead;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.port.Outbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A test outbox in memory: rows in id order above one position; one relay at a time in these tests,
 * so the lease is always granted, and every row is visible (final) once added.
 */
final class InMemoryOutbox implements Outbox {
  private final Map<Long, OutboxEntry> rows = new TreeMap<>();
  private long position;
  private long nextId = 1;

  synchronized void add(PriceEvent event) {
    long id = nextId++;
    rows.put(id, new OutboxEntry(id, event, Instant.now()));
  }

  @Override
  public synchronized CompletionStage<OptionalLong> lead(String owner, Duration lease) {
    return CompletableFuture.completedFuture(OptionalLong.of(position));
  }

  @Override
  public synchronized CompletionStage<OutboxRead<OutboxEntry>> readFinal(
      long after, List<OutboxObservation> observations, int limit) {
    long maxId = rows.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
    long finalId = Math.max(after, maxId);
    return CompletableFuture.completedFuture(
        new OutboxRead<>(above(after, limit), finalId, maxId, 0, 0));
  }

  @Override
  public synchronized CompletionStage<Boolean> advance(
      String owner, long from, long to, Duration lease) {
    if (position != from) {
      return CompletableFuture.completedFuture(false);
    }
    position = to;
    return CompletableFuture.completedFuture(true);
  }

  @Override
  public CompletionStage<Void> resign(String owner) {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletionStage<List<OutboxEntry>> unpublished(int limit) {
    return CompletableFuture.completedFuture(above(position, limit));
  }

  private List<OutboxEntry> above(long after, int limit) {
    return rows.values().stream().filter(e -> e.id() > after).limit(limit).toList();
  }

  @Override
  public synchronized CompletionStage<Long> depth() {
    return CompletableFuture.completedFuture(depthNow());
  }

  synchronized long depthNow() {
    return rows.keySet().stream().filter(id -> id > position).count();
  }
}
