package dev.marketdata.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.adapter.persistence.DailyPartitions.Partition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DailyPartitionsTest {
  private static final DailyPartitions PRICES = new DailyPartitions("price_points", "quote_ts");
  private static final Instant NOW = Instant.parse("2031-03-10T23:59:59Z");

  private static Partition day(String name, String from, String to) {
    return new Partition(
        name, Optional.of(Instant.parse(from)), Optional.of(Instant.parse(to)), false);
  }

  private static final Partition DEFAULT =
      new Partition("price_points_default", Optional.empty(), Optional.empty(), true);

  @Test
  void givenOnlyTheDefaultPartition_missingDays_areTodayAndTheDaysAhead() {
    assertThat(PRICES.missingDays(List.of(DEFAULT), NOW, 2))
        .containsExactly(
            Instant.parse("2031-03-10T00:00:00Z"),
            Instant.parse("2031-03-11T00:00:00Z"),
            Instant.parse("2031-03-12T00:00:00Z"));
    assertThat(PRICES.name(Instant.parse("2031-03-10T00:00:00Z")))
        .isEqualTo("price_points_p20310310");
  }

  @Test
  void givenALegacyPartitionUpToTomorrowAndTomorrowMade_missingDays_isOnlyTheDayAfter() {
    Partition legacy =
        new Partition(
            "price_points_legacy",
            Optional.empty(),
            Optional.of(Instant.parse("2031-03-11T00:00:00Z")),
            false);
    Partition tomorrow =
        day("price_points_p20310311", "2031-03-11T00:00:00Z", "2031-03-12T00:00:00Z");

    assertThat(PRICES.missingDays(List.of(DEFAULT, legacy, tomorrow), NOW, 2))
        .containsExactly(Instant.parse("2031-03-12T00:00:00Z"));
  }

  @Test
  void givenACutoff_expired_areThePartitionsEndingByItButNeverTheDefaultOrAnOpenEndedOne() {
    Partition ended = day("price_points_p20310301", "2031-03-01T00:00:00Z", "2031-03-02T00:00:00Z");
    Partition holdsTheCutoff =
        day("price_points_p20310302", "2031-03-02T00:00:00Z", "2031-03-03T00:00:00Z");
    Partition unbounded =
        new Partition(
            "price_points_x",
            Optional.of(Instant.parse("2031-01-01T00:00:00Z")),
            Optional.empty(),
            false);

    assertThat(
            DailyPartitions.expired(
                List.of(DEFAULT, ended, holdsTheCutoff, unbounded),
                Instant.parse("2031-03-02T00:00:00Z")))
        .containsExactly(ended);
  }

  @Test
  void createStatements_moveTheDaysRowsOutOfTheDefaultPartitionBeforeAttaching() {
    List<String> sql = PRICES.create(Instant.parse("2031-03-10T00:00:00Z"));

    assertThat(sql).hasSize(4);
    assertThat(sql.get(0)).startsWith("CREATE TABLE \"price_points_p20310310\" (LIKE");
    assertThat(sql.get(2))
        .contains("DELETE FROM \"price_points_default\" WHERE quote_ts >= '2031-03-10T00:00:00Z'");
    assertThat(sql.get(3))
        .isEqualTo(
            "ALTER TABLE \"price_points\" ATTACH PARTITION \"price_points_p20310310\" FOR VALUES"
                + " FROM ('2031-03-10T00:00:00Z'::timestamptz)"
                + " TO ('2031-03-11T00:00:00Z'::timestamptz)");
  }
}
