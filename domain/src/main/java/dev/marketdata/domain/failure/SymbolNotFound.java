package dev.marketdata.domain.failure;

/** The provider does not know the symbol, or has no data for it. */
public final class SymbolNotFound extends MarketDataException {
  private final String symbol;
  private final String provider;

  public SymbolNotFound(String symbol, String provider) {
    super("symbol " + symbol + " not found at provider " + provider, null);
    this.symbol = symbol;
    this.provider = provider;
  }

  public String symbol() {
    return symbol;
  }

  public String provider() {
    return provider;
  }
}
