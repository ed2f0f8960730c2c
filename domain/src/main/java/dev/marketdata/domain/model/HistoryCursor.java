package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of price history stopped: the last row's (timestamp, raw response id). Opaque to
 * clients, who get it as a URL-safe string.
 */
public record HistoryCursor(Instant timestamp, UUID rawResponseId) {
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

  public static HistoryCursor parse(String encoded) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
      String[] parts = plain.split("\\.", 3);
      Instant ts = Instant.ofEpochSecond(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
      return new HistoryCursor(ts, UUID.fromString(parts[2]));
    } catch (RuntimeException e) {
      throw new InvalidInput("cursor", encoded, "is not a cursor this service issued");
    }
  }
}
