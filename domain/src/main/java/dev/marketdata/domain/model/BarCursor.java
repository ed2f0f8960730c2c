package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page of bars stopped: the next page holds the bars of the same interval starting before
 * {@code before} (the start of the oldest bar already returned). Opaque to clients, who get it as a
 * URL-safe string.
 */
public record BarCursor(BarInterval interval, Instant before) {
  static final int MAX_ENCODED_LENGTH = 100;
  private static final Pattern PLAIN =
      Pattern.compile("bars\\.(1m|5m|15m|1h|1d)\\.(0|[1-9][0-9]{0,17})");

  public BarCursor {
    Required.field("interval", interval);
    Required.field("before", before);
  }

  public String encode() {
    String plain = "bars." + interval.label() + "." + before.getEpochSecond();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a cursor this service issued for {@code interval}; anything else (not ours, another
   * interval's, out of bounds) fails as {@link InvalidInput} on {@code cursor}.
   */
  public static BarCursor parse(String encoded, BarInterval interval) {
    if (encoded == null || encoded.length() > MAX_ENCODED_LENGTH) {
      throw notOurs(encoded);
    }
    String plain;
    try {
      plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw notOurs(encoded);
    }
    Matcher m = PLAIN.matcher(plain);
    if (!m.matches()) {
      throw notOurs(encoded);
    }
    if (!m.group(1).equals(interval.label())) {
      throw new InvalidInput(
          "cursor", encoded, "was issued for interval " + m.group(1) + ", not " + interval);
    }
    long seconds = Long.parseLong(m.group(2));
    if (seconds > HistoryQuery.LATEST.getEpochSecond()) {
      throw new InvalidInput(
          "cursor",
          encoded,
          "points outside " + HistoryQuery.EARLIEST + " to " + HistoryQuery.LATEST);
    }
    return new BarCursor(interval, Instant.ofEpochSecond(seconds));
  }

  private static InvalidInput notOurs(String encoded) {
    return new InvalidInput("cursor", encoded, "is not a cursor this service issued");
  }
}
