package dev.marketdata.domain.model;

import java.util.Locale;

/**
 * How far a backfill job got with one symbol.
 *
 * @param bars bars inserted or changed by the fetch (0 when they were all stored already)
 * @param error null unless the symbol failed
 */
public record SymbolBackfill(Symbol symbol, State state, int bars, String error) {
  /** Where one symbol stands. */
  public enum State {
    PENDING,
    DONE,
    FAILED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public SymbolBackfill {
    Required.field("symbol", symbol);
    Required.field("state", state);
  }

  public static SymbolBackfill pending(Symbol symbol) {
    return new SymbolBackfill(symbol, State.PENDING, 0, null);
  }
}
