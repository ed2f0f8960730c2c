package dev.marketdata.domain.failure;

/** Root of the domain's failures: each subtype names one thing that can go wrong. */
public abstract sealed class MarketDataException extends RuntimeException
    permits InvalidInput,
        SymbolNotFound,
        JobNotFound,
        ProviderThrottled,
        ProviderUnavailable,
        ProviderAuthFailure,
        DependencyUnavailable,
        Overloaded,
        UnservableRequest,
        InsufficientData,
        CalendarUnknown,
        FallbackExhausted {

  protected MarketDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
