package dev.marketdata.domain.failure;

import java.util.Objects;

/**
 * The provider could not give an answer: timeout, connection failure, 5xx, a malformed body, or a
 * refusal of the request itself (an unexpected 4xx).
 */
public final class ProviderUnavailable extends MarketDataException {
  /** What kind of unavailability, so callers can tell a timeout from a bad answer. */
  public enum Kind {
    TIMEOUT,
    CONNECTION,
    SERVER_ERROR,
    BAD_RESPONSE,
    /** An unexpected 4xx: the provider refused this request, and asking again will not help. */
    REJECTED,
    NOT_CONFIGURED
  }

  private final String provider;
  private final Kind kind;

  public ProviderUnavailable(String provider, Kind kind, String detail, Throwable cause) {
    super("provider " + provider + " unavailable (" + kind + "): " + detail, cause);
    this.provider = Objects.requireNonNull(provider, "provider");
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public String provider() {
    return provider;
  }

  public Kind kind() {
    return kind;
  }
}
