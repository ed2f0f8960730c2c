package dev.marketdata.domain.failure;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Decides whether a failed provider may hand a request to the next provider of a chain: only when
 * the failure is the provider's (it is down, slow, throttled, misconfigured or refuses our key),
 * never when the request itself is at fault or the symbol does not exist.
 */
public final class Fallback {
  private Fallback() {}

  /**
   * Whether the next provider of a chain may be tried after this failure: unavailable (timeout,
   * connection, 5xx, bad body, not configured), throttled, auth failure. Never SymbolNotFound,
   * InvalidInput or any client-caused failure.
   */
  public static boolean eligible(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof ProviderThrottled || cause instanceof ProviderAuthFailure) {
      return true;
    }
    if (cause instanceof ProviderUnavailable unavailable) {
      // REJECTED is an unexpected 4xx: the provider refused this request as such (often the
      // symbol's form); the request is at fault, not the provider, so it does not fall back.
      return unavailable.kind() != ProviderUnavailable.Kind.REJECTED;
    }
    // SymbolNotFound, InvalidInput, UnservableRequest: the request. Overloaded and
    // DependencyUnavailable: our own store, which the next provider would meet just the same.
    // Anything else is a bug, which another provider would hide.
    return false;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
