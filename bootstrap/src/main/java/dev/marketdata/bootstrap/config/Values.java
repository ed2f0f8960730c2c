package dev.marketdata.bootstrap.config;

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

  /**
   * The password of a {@code scheme://user:password@host} URL replaced, so a problem can be logged.
   */
  static String redact(String value) {
    return value == null ? null : value.replaceAll("://([^:@/]*):[^@/]*@", "://$1:***@");
  }
}
