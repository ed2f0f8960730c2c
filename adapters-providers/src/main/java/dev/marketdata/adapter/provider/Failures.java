package dev.marketdata.adapter.provider;

import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.failure.ProviderUnavailable.Kind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Translations from transport-level facts to domain failures, shared by the providers. */
final class Failures {
  private Failures() {}

  /**
   * An I/O failure as unavailability. OkHttp reports a read timeout as {@link
   * SocketTimeoutException} and a call timeout as an {@link InterruptedIOException} "timeout".
   */
  static ProviderUnavailable fromIo(String provider, IOException e, UnaryOperator<String> redact) {
    boolean timeout =
        e instanceof SocketTimeoutException
            || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()));
    Kind kind = timeout ? Kind.TIMEOUT : Kind.CONNECTION;
    // Plain words for API clients (no Java class names) and the redacted transport message, never
    // a URL, which could carry a key. The exception itself stays attached as the cause for logs.
    String what = timeout ? "no answer within the timeout" : "connection failed";
    String message = e.getMessage();
    boolean adds = message != null && !message.isBlank() && !"timeout".equals(message);
    return new ProviderUnavailable(
        provider, kind, adds ? what + " (" + redact.apply(message) + ")" : what, e);
  }

  static ProviderUnavailable serverError(String provider, int status) {
    return new ProviderUnavailable(provider, Kind.SERVER_ERROR, "HTTP " + status, null);
  }

  /**
   * A 4xx the provider's own handling does not expect: it refused this very request, so asking
   * again would only spend budget.
   */
  static ProviderUnavailable rejected(String provider, int status) {
    return new ProviderUnavailable(
        provider, Kind.REJECTED, "unexpected HTTP " + status + " for our request", null);
  }

  /** The failure for a status the provider's parser does not handle itself: 5xx, 4xx, 1xx-3xx. */
  static ProviderUnavailable unexpectedStatus(String provider, int status) {
    if (status >= 500) {
      return serverError(provider, status);
    }
    if (status >= 400) {
      return rejected(provider, status);
    }
    return ProviderJson.badResponse(provider, "unexpected HTTP " + status, null);
  }

  /**
   * The wait a throttling answer asks for: {@code Retry-After} (seconds or an HTTP date), else
   * {@code X-Ratelimit-Reset} (unix seconds of the reset), else nothing.
   */
  static Optional<Duration> retryAfter(HttpAnswer answer, Clock clock) {
    String retryAfter = answer.header("Retry-After");
    if (retryAfter != null) {
      String value = retryAfter.strip();
      try {
        return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
      } catch (NumberFormatException notSeconds) {
        try {
          Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
          return Optional.of(nonNegative(Duration.between(clock.instant(), at)));
        } catch (DateTimeParseException notADate) {
          // Neither form: fall through to the other header or the provider's default.
        }
      }
    }
    String reset = answer.header("X-Ratelimit-Reset");
    if (reset != null) {
      try {
        Instant at = Instant.ofEpochSecond(Long.parseLong(reset.strip()));
        return Optional.of(nonNegative(Duration.between(clock.instant(), at)));
      } catch (NumberFormatException | DateTimeException unusable) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
