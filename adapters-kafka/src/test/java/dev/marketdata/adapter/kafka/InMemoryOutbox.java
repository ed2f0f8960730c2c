package dev.marketdata.adapter.kafka;

import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.port.Outbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A test outbox in memory: rows in id order, each unpublished until marked. */
final class InMemoryOutbox implements Outbox {
  private final Map<Long, OutboxEntry> rows = new TreeMap<>();
  private final Map<Long, Instant> published = new TreeMap<>();
  private long nextId = 1;

  synchronized void add(PriceEvent event) {
    long id = nextId++;
    rows.put(id, new OutboxEntry(id, event, Instant.now()));
  }

  /** One relay at a time in these tests: a claim reads the oldest waiting rows, lease unused. */
  @Override
  public synchronized CompletionStage<List<OutboxEntry>> claim(
      String owner, int limit, Duration lease) {
    return unpublished(limit);
  }

  @Override
  public synchronized CompletionStage<Void> release(String owner, List<Long> ids) {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletionStage<List<OutboxEntry>> unpublished(int limit) {
    List<OutboxEntry> out = new ArrayList<>();
    for (OutboxEntry entry : rows.values()) {
      if (out.size() == limit) {
        break;
      }
      if (!published.containsKey(entry.id())) {
        out.add(entry);
      }
    }
    return CompletableFuture.completedFuture(out);
  }

  @Override
  public synchronized CompletionStage<Void> markPublished(
      String owner, List<Long> ids, Instant publishedAt) {
    for (Long id : ids) {
      if (!rows.containsKey(id)) {
        return CompletableFuture.failedFuture(new IllegalArgumentException("no outbox row " + id));
      }
      published.putIfAbsent(id, publishedAt);
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletionStage<Long> depth() {
    return CompletableFuture.completedFuture((long) (rows.size() - published.size()));
  }

  synchronized long depthNow() {
    return rows.size() - published.size();
  }
}
