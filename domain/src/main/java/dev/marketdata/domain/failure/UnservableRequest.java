package dev.marketdata.domain.failure;

import java.util.Objects;

/**
 * A well-formed request that cannot be served as asked, such as a poll job the provider's budget
 * cannot sustain; names the field to change and what would work.
 */
public final class UnservableRequest extends MarketDataException {
  private final String field;
  private final String suggestion;

  public UnservableRequest(String field, String reason, String suggestion) {
    super(field + ": " + reason + (suggestion == null ? "" : "; " + suggestion), null);
    this.field = Objects.requireNonNull(field, "field");
    this.suggestion = suggestion;
  }

  public String field() {
    return field;
  }

  /** What would be accepted instead, or null. */
  public String suggestion() {
    return suggestion;
  }
}
