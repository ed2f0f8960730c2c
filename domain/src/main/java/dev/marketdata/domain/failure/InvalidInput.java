package dev.marketdata.domain.failure;

import java.util.Objects;

/** A value or request was rejected; names the offending field and the value it had. */
public final class InvalidInput extends MarketDataException {
  private final String field;
  private final String rejectedValue;
  private final String reason;

  public InvalidInput(String field, Object rejectedValue, String reason) {
    super(field + " " + reason + " (was " + render(rejectedValue) + ")", null);
    this.field = Objects.requireNonNull(field, "field");
    this.rejectedValue = rejectedValue == null ? null : String.valueOf(rejectedValue);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  private static String render(Object value) {
    if (value == null) {
      return "null";
    }
    String text = String.valueOf(value);
    // Bad input may be huge or hold control characters; keep messages short and printable.
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .limit(64)
        .forEach(cp -> out.append(Character.isISOControl(cp) ? "?" : Character.toString(cp)));
    return "\"" + out + (text.length() > 64 ? "…" : "") + "\"";
  }

  public String field() {
    return field;
  }

  /** The rejected value as text, or null when it was missing. */
  public String rejectedValue() {
    return rejectedValue;
  }

  public String reason() {
    return reason;
  }
}
