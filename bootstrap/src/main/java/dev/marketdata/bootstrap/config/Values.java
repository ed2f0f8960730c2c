package dev.marketdata.bootstrap.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers of single values; each failure says, as an {@link IllegalArgumentException}, what the
 * value must be.
 */
final class Values {
  private Values() {}

  static int integer(String text, int min, int max) {
    long value = whole(text);
    if (value < min || value > max) {
      throw new IllegalArgumentException("must be between " + min + " and " + max);
    }
    return (int) value;
  }

  static long whole(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a whole number");
    }
  }

  static double decimal(String text, double min, double max) {
    double value;
    try {
      value = Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a number");
    }
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException("must be between " + min + " and " + max);
    }
    return value;
  }

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  /**
   * A duration written {@code 90s}, {@code 15m}, {@code 1h}, {@code 2d} or {@code 500ms}, or in
   * ISO-8601 ({@code PT15M}), between {@code min} and {@code max}. A bare number is refused: its
   * unit would be a guess.
   */
  static Duration duration(String text, Duration min, Duration max) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Duration value;
    Matcher m = SHORT_DURATION.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      value =
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
    } else {
      try {
        value = Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "must be a duration such as 90s, 15m, 1h, 2d or PT15M (a unit is required)");
      }
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException("must be between " + text(min) + " and " + text(max));
    }
    return value;
  }

  private static String text(Duration d) {
    return d.isZero() ? "0s" : d.toString();
  }

  /**
   * The password of a {@code scheme://user:password@host} URL replaced, so a problem can be logged.
   */
  static String redact(String value) {
    return value == null ? null : value.replaceAll("://([^:@/]*):[^@/]*@", "://$1:***@");
  }
}
