package dev.marketdata.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.adapter.http.HttpConfig.RateLimitConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {
  final AtomicLong nanos = new AtomicLong();

  @Test
  void givenAnEmptyBucket_afterOneRefillPeriod_oneMoreRequestPasses() {
    ClientRateLimiter limiter =
        new ClientRateLimiter(
            new RateLimitConfig(true, 2, 1, Duration.ofSeconds(10), 10), nanos::get);

    assertThat(limiter.acquire("a").allowed()).isTrue();
    assertThat(limiter.acquire("a").allowed()).isTrue();
    ClientRateLimiter.Decision refused = limiter.acquire("a");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(10);
    assertThat(refused.resetSeconds()).isEqualTo(20);

    nanos.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(limiter.acquire("a").allowed()).isTrue();
    assertThat(limiter.acquire("a").allowed()).isFalse();
    assertThat(limiter.acquire("b").allowed()).as("another client has its own bucket").isTrue();
  }

  @Test
  void givenManyClients_theMapStaysBounded() {
    ClientRateLimiter limiter =
        new ClientRateLimiter(
            new RateLimitConfig(true, 5, 1, Duration.ofSeconds(1), 100), nanos::get);

    for (int i = 0; i < 10_000; i++) {
      limiter.acquire("client-" + i);
      assertThat(limiter.trackedClients()).isLessThanOrEqualTo(100);
    }
  }

  @Test
  void givenIdleClients_evictionDropsRefilledBucketsFirst() {
    ClientRateLimiter limiter =
        new ClientRateLimiter(
            new RateLimitConfig(true, 2, 1, Duration.ofSeconds(1), 3), nanos::get);
    limiter.acquire("busy");
    limiter.acquire("busy");
    limiter.acquire("idle1");
    limiter.acquire("idle2");
    nanos.addAndGet(Duration.ofMillis(1500).toNanos());

    limiter.acquire("new");

    // busy had 0 tokens and got 1.5 back; idle ones are full again and were dropped.
    assertThat(limiter.trackedClients()).isEqualTo(2);
    assertThat(limiter.acquire("busy").remaining()).isZero();
  }
}
