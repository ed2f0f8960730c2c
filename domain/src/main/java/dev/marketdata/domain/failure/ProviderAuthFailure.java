package dev.marketdata.domain.failure;

/** The provider rejected our credentials; retrying will not help. */
public final class ProviderAuthFailure extends MarketDataException {
  private final String provider;

  public ProviderAuthFailure(String provider, String detail) {
    super("provider " + provider + " rejected the API key: " + detail, null);
    this.provider = provider;
  }

  public String provider() {
    return provider;
  }
}
