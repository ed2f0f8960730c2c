package dev.marketdata.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void givenOneToAHundredMillis_quantiles_areTheBucketsHoldingThem() {
    LatencyHistogram h = new LatencyHistogram();
    for (int ms = 1; ms <= 100; ms++) {
      h.record(ms * 1000L - 50); // 0.95 ms, 1.95 ms, ...: inside the bucket ending at 1.0, 2.0, ...
    }

    assertThat(h.count()).isEqualTo(100);
    assertThat(h.quantileMillis(0.50)).isEqualTo(50.0);
    assertThat(h.quantileMillis(0.90)).isEqualTo(90.0);
    assertThat(h.quantileMillis(0.99)).isEqualTo(99.0);
    assertThat(h.maxMillis()).isEqualTo(99.95);
  }

  @Test
  void givenReset_histogram_startsOver() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(5_000_000);
    h.reset();
    h.record(-10);

    assertThat(h.count()).isEqualTo(1);
    assertThat(h.maxMillis()).isZero();
    assertThat(h.toJson().getLong("receipt_before_stamp")).isEqualTo(1);
  }
}
