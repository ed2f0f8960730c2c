package dev.marketdata.adapter.http;

import dev.marketdata.adapter.http.HttpConfig.RateLimitConfig;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets keyed by client, shared by every event loop of the process. The map is bounded:
 * when full, buckets that have refilled completely are dropped (losing them changes nothing), and
 * if that is not enough the oldest-iterated tenth goes.
 */
final class ClientRateLimiter {
  /** The outcome of one request: whether it may proceed and what the RateLimit headers say. */
  record Decision(
      boolean allowed, long limit, long remaining, long resetSeconds, long retryAfter) {}

  private final RateLimitConfig config;
  private final LongSupplier nanoTime;
  private final double tokensPerNano;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  ClientRateLimiter(RateLimitConfig config, LongSupplier nanoTime) {
    this.config = config;
    this.nanoTime = nanoTime;
    this.tokensPerNano = (double) config.refillTokens() / config.refillPeriod().toNanos();
  }

  Decision acquire(String client) {
    long now = nanoTime.getAsLong();
    Bucket bucket = buckets.get(client);
    if (bucket == null) {
      if (buckets.size() >= config.maxClients()) {
        evict(now);
      }
      bucket = buckets.computeIfAbsent(client, k -> new Bucket(config.capacity(), now));
    }
    return bucket.take(now);
  }

  int trackedClients() {
    return buckets.size();
  }

  private void evict(long now) {
    buckets.values().removeIf(b -> b.fullAt(now));
    int target = Math.max(0, config.maxClients() - Math.max(1, config.maxClients() / 10));
    Iterator<Bucket> it = buckets.values().iterator();
    while (buckets.size() > target && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  private final class Bucket {
    private double tokens;
    private long last;

    Bucket(long capacity, long now) {
      this.tokens = capacity;
      this.last = now;
    }

    synchronized Decision take(long now) {
      refill(now);
      boolean allowed = tokens >= 1;
      if (allowed) {
        tokens -= 1;
      }
      long reset = seconds((config.capacity() - tokens) / tokensPerNano);
      long retryAfter = allowed ? 0 : Math.max(1, seconds((1 - tokens) / tokensPerNano));
      return new Decision(allowed, config.capacity(), (long) Math.floor(tokens), reset, retryAfter);
    }

    synchronized boolean fullAt(long now) {
      refill(now);
      return tokens >= config.capacity();
    }

    private void refill(long now) {
      long elapsed = now - last;
      if (elapsed > 0) {
        tokens = Math.min(config.capacity(), tokens + elapsed * tokensPerNano);
        last = now;
      }
    }
  }

  private static long seconds(double nanos) {
    return (long) Math.ceil(nanos / 1_000_000_000d);
  }
}
