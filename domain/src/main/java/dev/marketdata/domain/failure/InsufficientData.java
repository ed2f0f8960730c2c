package dev.marketdata.domain.failure;

/**
 * Too few stored values to compute what was asked, such as an indicator over a series shorter than
 * its warm-up; says how many values are needed and how many exist.
 */
public final class InsufficientData extends MarketDataException {
  private final int needed;
  private final int available;

  /** {@code what} names the computation, e.g. "rsi(period=14) over the 1m series for 1 point". */
  public InsufficientData(String what, int needed, int available) {
    super(what + " needs " + needed + " values; " + available + " exist", null);
    this.needed = needed;
    this.available = available;
  }

  public int needed() {
    return needed;
  }

  public int available() {
    return available;
  }
}
