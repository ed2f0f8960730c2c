package dev.marketdata.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PromMetricsTest {
  private static String scrape(long le1, long le2, long inf, double published) {
    return """
        # HELP mds_events_published_total Events acknowledged
        # TYPE mds_events_published_total counter
        mds_events_published_total %s
        mds_provider_calls_total{outcome="success",provider="simulated"} 7.0
        mds_provider_calls_total{outcome="failure",provider="simulated"} 3.0
        mds_ma_freshness_seconds_bucket{le="0.1"} %d
        mds_ma_freshness_seconds_bucket{le="0.2"} %d
        mds_ma_freshness_seconds_bucket{le="+Inf"} %d
        mds_ma_freshness_seconds_count %d
        """
        .formatted(published, le1, le2, inf, inf);
  }

  @Test
  void givenLabelledSeries_value_isTheirSum() {
    PromMetrics m = PromMetrics.parse(scrape(0, 0, 0, 12));

    assertThat(m.value("mds_provider_calls_total")).isEqualTo(10.0);
    assertThat(m.value("mds_events_published_total")).isEqualTo(12.0);
    assertThat(m.value("absent_total")).isZero();
  }

  @Test
  void givenTwoScrapes_quantile_interpolatesInsideTheBucketOfTheDelta() {
    PromMetrics before = PromMetrics.parse(scrape(100, 100, 100, 0));
    // 100 new observations: 50 at or under 0.1 s, 50 between 0.1 and 0.2 s.
    PromMetrics after = PromMetrics.parse(scrape(150, 200, 200, 0));

    assertThat(after.quantileSince(before, "mds_ma_freshness_seconds", 0.5))
        .isCloseTo(0.1, within(1e-9));
    assertThat(after.quantileSince(before, "mds_ma_freshness_seconds", 0.75))
        .isCloseTo(0.15, within(1e-9));
    assertThat(after.quantileSince(before, "mds_ma_freshness_seconds", 0.99))
        .isCloseTo(0.198, within(1e-9));
  }

  @Test
  void givenNoNewObservations_quantile_isNaN() {
    PromMetrics same = PromMetrics.parse(scrape(5, 5, 5, 0));

    assertThat(same.quantileSince(same, "mds_ma_freshness_seconds", 0.5)).isNaN();
  }

  @Test
  void givenSeriesOfSeveralAreas_valueWhere_sumsOnlyTheMatchingLabel() {
    PromMetrics m =
        PromMetrics.parse(
            """
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 100.0
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 20.0
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 7.0
            jvm_buffer_memory_used_bytes{id="direct"} 4.0
            jvm_buffer_memory_used_bytes{id="mapped"} 3.0
            """);

    assertThat(m.valueWhere("jvm_memory_used_bytes", "area", "heap")).isEqualTo(120.0);
    assertThat(m.valueWhere("jvm_buffer_memory_used_bytes", "id", "direct")).isEqualTo(4.0);
    assertThat(m.valueWhere("jvm_memory_used_bytes", "area", "off")).isZero();
  }

  @Test
  void givenProcStatWithSpacesInTheName_ticks_areUtimePlusStime() {
    String stat = "4242 (java (main) x) S 1 2 3 4 5 6 7 8 9 10 150 25 0 0 20 0";

    assertThat(ProcStats.parseStatTicks(stat)).isEqualTo(175);
    assertThat(ProcStats.parseKiB("VmRSS:\t  586804 kB")).isEqualTo(586804);
  }

  @Test
  void givenTwoConsumersScrapes_sum_addsCountersAndMergesHistograms() {
    // Consumer 1: 100 new observations all at or under 0.1 s; consumer 2: 100 between 0.1 and 0.2.
    PromMetrics before =
        PromMetrics.sum(
            java.util.List.of(
                PromMetrics.parse(scrape(0, 0, 0, 1)), PromMetrics.parse(scrape(0, 0, 0, 2))));
    PromMetrics after =
        PromMetrics.sum(
            java.util.List.of(
                PromMetrics.parse(scrape(100, 100, 100, 5)),
                PromMetrics.parse(scrape(0, 100, 100, 7))));

    assertThat(after.value("mds_events_published_total")).isEqualTo(12.0);
    assertThat(after.value("mds_provider_calls_total")).isEqualTo(20.0);
    assertThat(after.value("mds_ma_freshness_seconds_count")).isEqualTo(200.0);
    assertThat(after.valueWhere("mds_provider_calls_total", "outcome", "failure")).isEqualTo(6.0);
    assertThat(after.quantileSince(before, "mds_ma_freshness_seconds", 0.5))
        .isCloseTo(0.1, within(1e-9));
    assertThat(after.quantileSince(before, "mds_ma_freshness_seconds", 0.99))
        .isCloseTo(0.198, within(1e-9));
  }
}
