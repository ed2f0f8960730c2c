package dev.marketdata.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {
  private static final Instant NOW = Instant.parse("2031-01-31T00:00:00Z");

  @Test
  void givenDurations_cutoffs_areNowMinusEach_andEmptyMeansForever() {
    RetentionPolicy policy =
        new RetentionPolicy(
            Optional.of(Duration.ofDays(30)), Optional.empty(), Optional.of(Duration.ofHours(1)));

    assertThat(policy.rawResponsesBefore(NOW)).contains(Instant.parse("2031-01-01T00:00:00Z"));
    assertThat(policy.pricePointsBefore(NOW)).isEmpty();
    assertThat(policy.publishedEventsBefore(NOW)).contains(Instant.parse("2031-01-30T23:00:00Z"));
  }

  @Test
  void givenAZeroOrNegativeRetention_policy_isRefusedNamingTheField() {
    assertThatThrownBy(
            () ->
                new RetentionPolicy(Optional.empty(), Optional.of(Duration.ZERO), Optional.empty()))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("pricePoints"));
  }
}
