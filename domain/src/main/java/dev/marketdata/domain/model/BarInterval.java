package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The width of a bar. Intraday intervals are fixed lengths aligned to the UTC epoch (as {@code
 * date_bin} aligns them); {@link #ONE_DAY} is a calendar day in the market's time zone, so across a
 * daylight-saving change it lasts 23 or 25 hours.
 */
public enum BarInterval {
  ONE_MINUTE("1m", Duration.ofMinutes(1)),
  FIVE_MINUTES("5m", Duration.ofMinutes(5)),
  FIFTEEN_MINUTES("15m", Duration.ofMinutes(15)),
  ONE_HOUR("1h", Duration.ofHours(1)),
  ONE_DAY("1d", null);

  private final String label;
  private final Duration length;

  BarInterval(String label, Duration length) {
    this.label = label;
    this.length = length;
  }

  /** The interval written as {@code 1m}, {@code 5m}, {@code 15m}, {@code 1h} or {@code 1d}. */
  public static BarInterval parse(String text) {
    if (text == null) {
      throw new InvalidInput("interval", null, "is required");
    }
    for (BarInterval interval : values()) {
      if (interval.label.equals(text)) {
        return interval;
      }
    }
    throw new InvalidInput(
        "interval",
        text,
        "must be one of "
            + Arrays.stream(values()).map(BarInterval::label).collect(Collectors.joining(", ")));
  }

  public String label() {
    return label;
  }

  /** Whether buckets have a fixed length aligned to the epoch (every interval but {@code 1d}). */
  public boolean intraday() {
    return length != null;
  }

  /** The fixed length of an intraday bucket; fails for {@code 1d}, whose length varies. */
  public Duration length() {
    if (length == null) {
      throw new IllegalStateException("1d bars have no fixed length");
    }
    return length;
  }

  /** The start of the bucket holding {@code t}. */
  public Instant bucketStart(Instant t, ZoneId zone) {
    if (intraday()) {
      long seconds = length.toSeconds();
      return Instant.ofEpochSecond(t.getEpochSecond() - Math.floorMod(t.getEpochSecond(), seconds));
    }
    return t.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
  }

  /** The end (exclusive) of the bucket starting at {@code start}: the next bucket's start. */
  public Instant bucketEnd(Instant start, ZoneId zone) {
    if (intraday()) {
      return start.plus(length);
    }
    return start.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
  }

  /** The first bucket start at or after {@code t}. */
  public Instant ceil(Instant t, ZoneId zone) {
    Instant start = bucketStart(t, zone);
    return start.equals(t) ? t : bucketEnd(start, zone);
  }

  /** {@code t} moved back by {@code count} intervals ({@code count} calendar days for 1d). */
  public Instant minus(Instant t, long count, ZoneId zone) {
    if (intraday()) {
      return t.minus(length.multipliedBy(count));
    }
    return t.atZone(zone).minusDays(count).toInstant();
  }

  @Override
  public String toString() {
    return label;
  }
}
