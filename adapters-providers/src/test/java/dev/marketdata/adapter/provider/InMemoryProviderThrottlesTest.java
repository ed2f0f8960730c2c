package dev.marketdata.adapter.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.ProviderId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryProviderThrottlesTest {
  private static final Instant T = Instant.parse("2026-11-30T12:00:00Z");
  private final InMemoryProviderThrottles throttles = new InMemoryProviderThrottles();

  @Test
  void givenAThrottle_itHoldsUntilItsTime_forThatProviderOnly() {
    throttles.throttledUntil(ProviderId.FINNHUB, T.plusSeconds(30));

    assertThat(throttles.blockedUntil(ProviderId.FINNHUB, T)).hasValue(T.plusSeconds(30));
    assertThat(throttles.blockedUntil(ProviderId.FINNHUB, T.plusSeconds(30))).isEmpty();
    assertThat(throttles.blockedUntil(ProviderId.YAHOO, T)).isEmpty();
  }

  @Test
  void givenAShorterThrottleAfterALongerOne_theLongerStillHolds() {
    throttles.throttledUntil(ProviderId.ALPHA_VANTAGE, T.plusSeconds(3600));
    throttles.throttledUntil(ProviderId.ALPHA_VANTAGE, T.plusSeconds(1));

    assertThat(throttles.blockedUntil(ProviderId.ALPHA_VANTAGE, T.plusSeconds(60)))
        .hasValue(T.plusSeconds(3600));
  }
}
