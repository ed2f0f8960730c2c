package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;

/** Null checks that fail as {@link InvalidInput} naming the field. */
public final class Required {
  private Required() {}

  public static <T> T field(String name, T value) {
    if (value == null) {
      throw new InvalidInput(name, null, "is required");
    }
    return value;
  }
}
