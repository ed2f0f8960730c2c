package dev.marketdata.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairedRoundsTest {
  private static LoadResult load(double rps, double p50, double p99) {
    return new LoadResult("wrk", 64, 5, Math.round(rps * 5), rps, p50, p99, 0);
  }

  @Test
  void givenABareServerThatDrifts_ratio_isTheMedianOfEachRoundsRatio() {
    // The bare server runs at 160k, then 112k, then 150k: each round's pair sees the same moment.
    PairedRounds rounds =
        new PairedRounds(
            List.of(load(128_000, 1, 4), load(84_000, 1, 5), load(123_000, 1, 6)),
            List.of(load(160_000, 1, 2), load(112_000, 1, 2), load(150_000, 1, 2)));

    assertThat(rounds.ratio()).isEqualTo(0.8);
    assertThat(rounds.toJson().getJsonObject(1).getDouble("ratio")).isEqualTo(0.75);
    assertThat(rounds.toJson().getJsonObject(2).getDouble("ratio")).isEqualTo(0.82);
  }

  @Test
  void givenRounds_serviceGoesFirstInEveryOtherRound() {
    PairedRounds rounds =
        new PairedRounds(
            List.of(load(1, 1, 1), load(1, 1, 1)), List.of(load(1, 1, 1), load(1, 1, 1)));

    assertThat(rounds.toJson().getJsonObject(0).getString("first")).isEqualTo("service");
    assertThat(rounds.toJson().getJsonObject(1).getString("first")).isEqualTo("bare_vertx");
  }

  @Test
  void givenRounds_combined_sumsRequestsAndKeepsTheWorstP99() {
    LoadResult all =
        PairedRounds.combined(List.of(load(100, 1, 4), load(200, 2, 9), load(300, 3, 5)));

    assertThat(all.requests()).isEqualTo(3_000);
    assertThat(all.seconds()).isEqualTo(15);
    assertThat(all.requestsPerSecond()).isEqualTo(200);
    assertThat(all.p50Millis()).isEqualTo(2);
    assertThat(all.p99Millis()).isEqualTo(9);
  }

  @Test
  void givenUnpairedRounds_construction_fails() {
    assertThatThrownBy(() -> new PairedRounds(List.of(load(1, 1, 1)), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
