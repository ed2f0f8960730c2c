package dev.marketdata.bootstrap.config;

import dev.marketdata.domain.model.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Outbound budgets written as {@code 5/min,25/day,1/s} (units {@code s}, {@code min}, {@code h},
 * {@code day}), or {@code none} for no budget at all; nothing else, not even blank, means none.
 */
final class Limits {
  static final String NONE = "none";
  private static final String SHAPE = "must look like 5/min,25/day,1/s or none";

  private Limits() {}

  static List<RateLimit> parse(String text) {
    if (text.strip().equalsIgnoreCase(NONE)) {
      return List.of();
    }
    List<RateLimit> limits = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String[] pieces = part.strip().split("/", -1);
      if (pieces.length != 2) {
        throw new IllegalArgumentException(SHAPE);
      }
      Duration period = period(pieces[1].strip());
      int permits;
      try {
        permits = Integer.parseInt(pieces[0].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("must start each limit with a whole number; " + SHAPE);
      }
      if (permits < 1) {
        throw new IllegalArgumentException("must allow at least 1 call per limit");
      }
      limits.add(new RateLimit(permits, period));
    }
    return List.copyOf(limits);
  }

  /** The text {@link #parse} reads back as {@code limits}. */
  static String format(List<RateLimit> limits) {
    if (limits.isEmpty()) {
      return NONE;
    }
    return limits.stream()
        .map(limit -> limit.permits() + "/" + unit(limit.period()))
        .collect(Collectors.joining(","));
  }

  private static Duration period(String unit) {
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "s", "sec", "second" -> Duration.ofSeconds(1);
      case "m", "min", "minute" -> Duration.ofMinutes(1);
      case "h", "hour" -> Duration.ofHours(1);
      case "d", "day" -> Duration.ofDays(1);
      default ->
          throw new IllegalArgumentException(
              "has an unknown unit \"" + unit + "\" (use s, min, h or day)");
    };
  }

  private static String unit(Duration period) {
    if (period.equals(Duration.ofSeconds(1))) {
      return "s";
    } else if (period.equals(Duration.ofMinutes(1))) {
      return "min";
    } else if (period.equals(Duration.ofHours(1))) {
      return "h";
    } else if (period.equals(Duration.ofDays(1))) {
      return "day";
    }
    throw new IllegalArgumentException("no unit for a period of " + period);
  }
}
