package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page of price history stopped: the last row's (timestamp, raw response id). Opaque to
 * clients, who get it as a URL-safe string.
 */
public record HistoryCursor(Instant timestamp, UUID rawResponseId) {
  /** Far more than any cursor this service issues (about 70 characters). */
  static final int MAX_ENCODED_LENGTH = 200;

  /** Epoch seconds, nanoseconds and the id, each in the one form {@link #encode} writes. */
  private static final Pattern PLAIN =
      Pattern.compile(
          "(0|[1-9][0-9]{0,17})\\.(0|[1-9][0-9]{0,8})\\."
              + "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

  public HistoryCursor {
    Required.field("timestamp", timestamp);
    Required.field("rawResponseId", rawResponseId);
  }

  public static HistoryCursor after(PricePoint last) {
    return new HistoryCursor(last.timestamp(), last.rawResponseId());
  }

  public String encode() {
    String plain = timestamp.getEpochSecond() + "." + timestamp.getNano() + "." + rawResponseId;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a cursor this service issued. Every decoded field is checked as strictly as the request's
   * own {@code from} and {@code to}: a crafted cursor fails as {@link InvalidInput} on {@code
   * cursor}, never later in the database.
   */
  public static HistoryCursor parse(String encoded) {
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
    // At most 18 digits, so the number fits a long; comparing it first keeps Instant from failing.
    long seconds = Long.parseLong(m.group(1));
    int nanos = Integer.parseInt(m.group(2));
    if (seconds > HistoryQuery.LATEST.getEpochSecond()
        || !HistoryQuery.withinBounds(Instant.ofEpochSecond(seconds, nanos))) {
      throw new InvalidInput(
          "cursor",
          encoded,
          "points outside " + HistoryQuery.EARLIEST + " to " + HistoryQuery.LATEST);
    }
    Instant timestamp = Instant.ofEpochSecond(seconds, nanos);
    return new HistoryCursor(timestamp, UUID.fromString(m.group(3)));
  }

  private static InvalidInput notOurs(String encoded) {
    return new InvalidInput("cursor", encoded, "is not a cursor this service issued");
  }
}
