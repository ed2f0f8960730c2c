package dev.marketdata.adapter.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The daily range partitions of one table: which days a maintenance pass creates, which partitions
 * it drops, and the statements that do it. Days are UTC days; a partition is {@code [day, day +
 * 1)}, named {@code <table>_pYYYYMMDD}. Other partitions (the default one, the legacy one the
 * migration attached) are respected: no day is created where one overlaps it.
 *
 * <p>The statements are DDL, which takes no parameters: the identifiers and instants in them are
 * this class's own, never input.
 */
final class DailyPartitions {
  private static final Duration DAY = Duration.ofDays(1);
  private static final DateTimeFormatter SUFFIX =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  /**
   * A partition as the catalog describes it.
   *
   * @param from its lower bound, empty for MINVALUE (and for the default partition)
   * @param to its upper bound (exclusive), empty for MAXVALUE (and for the default partition)
   */
  record Partition(String name, Optional<Instant> from, Optional<Instant> to, boolean isDefault) {
    boolean overlaps(Instant start, Instant end) {
      return !isDefault
          && from.map(f -> f.isBefore(end)).orElse(true)
          && to.map(t -> t.isAfter(start)).orElse(true);
    }

    /** True when everything it can hold lies before {@code cutoff}. */
    boolean endsBy(Instant cutoff) {
      return !isDefault && to.isPresent() && !to.get().isAfter(cutoff);
    }
  }

  private final String table;
  private final String column;

  /** {@code table} partitioned by range on {@code column}. */
  DailyPartitions(String table, String column) {
    this.table = table;
    this.column = column;
  }

  String table() {
    return table;
  }

  String defaultPartition() {
    return table + "_default";
  }

  String name(Instant day) {
    return table + "_p" + SUFFIX.format(day);
  }

  static Instant startOfDay(Instant t) {
    return t.truncatedTo(ChronoUnit.DAYS);
  }

  /**
   * The starts of the days from {@code now}'s through {@code daysAhead} after it that no partition
   * covers.
   */
  List<Instant> missingDays(List<Partition> existing, Instant now, int daysAhead) {
    List<Instant> missing = new ArrayList<>();
    Instant today = startOfDay(now);
    for (int d = 0; d <= daysAhead; d++) {
      Instant start = today.plus(DAY.multipliedBy(d));
      Instant end = start.plus(DAY);
      if (existing.stream().noneMatch(p -> p.overlaps(start, end))) {
        missing.add(start);
      }
    }
    return missing;
  }

  /**
   * The partitions that hold nothing at or after {@code cutoff}: dropping them loses nothing kept.
   */
  static List<Partition> expired(List<Partition> existing, Instant cutoff) {
    return existing.stream().filter(p -> p.endsBy(cutoff)).toList();
  }

  /**
   * Creates the day's partition beside the table and attaches it, which takes a weaker lock on the
   * table than {@code CREATE TABLE ... PARTITION OF} (reads and writes go on). Rows of that day the
   * default partition took meanwhile move into it first, since the attach refuses a default
   * partition that holds rows of the new range; the default partition is locked first, so no new
   * ones arrive in between. One transaction.
   */
  List<String> create(Instant day) {
    String partition = quoted(name(day));
    String from = literal(day);
    String to = literal(day.plus(DAY));
    return List.of(
        "CREATE TABLE "
            + partition
            + " (LIKE "
            + quoted(table)
            + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS)",
        "LOCK TABLE " + quoted(defaultPartition()) + " IN ACCESS EXCLUSIVE MODE",
        "WITH moved AS (DELETE FROM "
            + quoted(defaultPartition())
            + " WHERE "
            + column
            + " >= "
            + from
            + " AND "
            + column
            + " < "
            + to
            + " RETURNING *) INSERT INTO "
            + partition
            + " SELECT * FROM moved",
        "ALTER TABLE "
            + quoted(table)
            + " ATTACH PARTITION "
            + partition
            + " FOR VALUES FROM ("
            + from
            + ") TO ("
            + to
            + ")");
  }

  String drop(Partition partition) {
    return "DROP TABLE IF EXISTS " + quoted(partition.name());
  }

  /** Deletes what the default partition holds from before {@code $1}. */
  String purgeDefault() {
    return "DELETE FROM " + quoted(defaultPartition()) + " WHERE " + column + " < $1";
  }

  private static String quoted(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static String literal(Instant instant) {
    return "'" + instant + "'::timestamptz";
  }
}
