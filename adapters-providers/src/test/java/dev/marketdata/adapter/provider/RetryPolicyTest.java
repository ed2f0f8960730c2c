package dev.marketdata.adapter.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy =
      new RetryPolicy(5, Duration.ofMillis(200), Duration.ofMillis(1000));

  @Test
  void givenAttempts_delay_doublesUpToTheCapWithJitterBetweenHalfAndAll() {
    assertThat(policy.delayAfter(1, () -> 1.0)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.delayAfter(1, () -> 0.0)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.delayAfter(2, () -> 1.0)).isEqualTo(Duration.ofMillis(400));
    assertThat(policy.delayAfter(3, () -> 1.0)).isEqualTo(Duration.ofMillis(800));
    assertThat(policy.delayAfter(4, () -> 1.0)).isEqualTo(Duration.ofMillis(1000));
    assertThat(policy.delayAfter(40, () -> 0.0)).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void givenMaxAttempts_allowsAnotherAfter_stopsAtTheLimit() {
    assertThat(policy.allowsAnotherAfter(4)).isTrue();
    assertThat(policy.allowsAnotherAfter(5)).isFalse();
    assertThat(new RetryPolicy(1, Duration.ZERO, Duration.ZERO).allowsAnotherAfter(1)).isFalse();
  }

  @Test
  void givenZeroAttempts_constructor_failsNamingTheField() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("retryAttempts"));
  }
}
