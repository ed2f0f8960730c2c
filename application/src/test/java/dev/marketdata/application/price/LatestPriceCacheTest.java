package dev.marketdata.application.price;

import static dev.marketdata.testsupport.Samples.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatestPriceCacheTest {
  private static final Instant T0 = Instant.parse("2024-03-20T10:30:00Z");

  private static PricePoint at(int symbol, int second) {
    return point("S" + symbol, ProviderId.SIMULATED, "1" + second + ".5", T0.plusSeconds(second));
  }

  private static Symbol symbol(int i) {
    return Symbol.of("S" + i);
  }

  @Test
  void givenTenTimesMoreSymbolsThanItsBound_theCache_holdsAtMostItsBound() {
    LatestPriceCache cache = new LatestPriceCache(100);

    for (int i = 0; i < 1_000; i++) {
      cache.offer(at(i, 0));
      assertThat(cache.size()).isLessThanOrEqualTo(100);
    }

    assertThat(cache.size()).isEqualTo(100);
    assertThat(cache.get(symbol(999), ProviderId.SIMULATED)).isPresent();
    assertThat(cache.get(symbol(0), ProviderId.SIMULATED)).as("the oldest went first").isEmpty();
  }

  @Test
  void givenAFullCache_theEntryReadSinceTheLastPass_staysAndAnUnreadOneGoes() {
    LatestPriceCache cache = new LatestPriceCache(3);
    cache.offer(at(1, 0));
    cache.offer(at(2, 0));
    cache.offer(at(3, 0));
    cache.get(symbol(1), ProviderId.SIMULATED);

    cache.offer(at(4, 0));

    assertThat(cache.get(symbol(1), ProviderId.SIMULATED)).as("read, so kept").isPresent();
    assertThat(cache.get(symbol(2), ProviderId.SIMULATED)).as("unread and oldest").isEmpty();
    assertThat(cache.get(symbol(3), ProviderId.SIMULATED)).isPresent();
    assertThat(cache.get(symbol(4), ProviderId.SIMULATED)).isPresent();
  }

  @Test
  void offeringANewerPointForAHeldPair_replacesItWithoutEvictingAnything() {
    LatestPriceCache cache = new LatestPriceCache(2);
    cache.offer(at(1, 0));
    cache.offer(at(2, 0));

    cache.offer(at(1, 5));
    cache.offer(at(1, 3)); // older: ignored

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get(symbol(1), ProviderId.SIMULATED).orElseThrow().timestamp())
        .isEqualTo(T0.plusSeconds(5));
    assertThat(cache.get(symbol(2), ProviderId.SIMULATED)).isPresent();
  }

  @Test
  void givenManyThreadsOfferingAndReading_theBoundStillHolds() throws Exception {
    int bound = 200;
    LatestPriceCache cache = new LatestPriceCache(bound);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int base = t * 10_000;
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < 2_000; i++) {
                  cache.offer(at(base + i, i % 60));
                  cache.get(symbol(base + i / 2), ProviderId.SIMULATED);
                }
                return null;
              }));
    }
    start.countDown();
    for (var f : done) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(cache.size()).isLessThanOrEqualTo(bound);
    cache.offer(at(999_999, 0));
    assertThat(cache.size()).isLessThanOrEqualTo(bound);
  }

  @Test
  void aBoundBelowOne_isRefused() {
    assertThatThrownBy(() -> new LatestPriceCache(0)).isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> new LatestPriceSettings(java.time.Duration.ZERO, 0))
        .isInstanceOf(InvalidInput.class);
  }
}
