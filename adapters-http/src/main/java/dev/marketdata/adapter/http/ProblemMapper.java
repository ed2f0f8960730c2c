package dev.marketdata.adapter.http;

import dev.marketdata.domain.failure.CalendarUnknown;
import dev.marketdata.domain.failure.DependencyUnavailable;
import dev.marketdata.domain.failure.FallbackExhausted;
import dev.marketdata.domain.failure.InsufficientData;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.failure.JobNotFound;
import dev.marketdata.domain.failure.MarketDataException;
import dev.marketdata.domain.failure.Overloaded;
import dev.marketdata.domain.failure.ProviderAuthFailure;
import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.failure.SymbolNotFound;
import dev.marketdata.domain.failure.UnservableRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The one place where failures become HTTP statuses and problem details. */
final class ProblemMapper {
  /** How long clients are told to wait when one of our own dependencies is down. */
  static final Duration DEPENDENCY_RETRY_AFTER = Duration.ofSeconds(5);

  private ProblemMapper() {}

  /**
   * Maps a failure; {@code status} is used when there is no exception (a router or body handler
   * that only set a status code). Returns a 500 problem for anything it does not recognise.
   */
  static Problem map(Throwable failure, int status) {
    Throwable cause = unwrap(failure);
    if (cause instanceof HttpProblem p) {
      Problem problem = Problem.of(p.status(), p.slug(), p.title(), p.getMessage(), p.field());
      for (var header : p.headers().entrySet()) {
        problem = problem.withHeader(header.getKey(), header.getValue());
      }
      return problem;
    }
    if (cause instanceof MarketDataException domain) {
      return mapDomain(domain);
    }
    if (cause instanceof io.vertx.ext.web.handler.HttpException e
        && e.getStatusCode() >= 400
        && e.getStatusCode() < 500) {
      return forStatus(e.getStatusCode());
    }
    // Vert.x reports its own refusals (bad path, undecodable query) as fail(4xx[, exception]).
    if (status >= 400 && status < 500) {
      return forStatus(status);
    }
    return internalError();
  }

  static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  static Problem internalError() {
    return Problem.of(
        500,
        "internal-error",
        "Internal server error",
        "The request could not be completed because of an internal error; quote the request id"
            + " when reporting it.",
        null);
  }

  static Problem forStatus(int status) {
    String reason = HttpResponseStatus.valueOf(status).reasonPhrase();
    String detail =
        switch (status) {
          case 404 -> "No resource exists at this path.";
          case 405 -> "This path does not support the request's method.";
          case 413 -> "The request body exceeds the size limit.";
          case 415 -> "The request body must be application/json.";
          default -> reason + ".";
        };
    return Problem.of(status, null, reason, detail, null);
  }

  private static Problem mapDomain(MarketDataException failure) {
    if (failure instanceof FallbackExhausted e) {
      return fallbackExhausted(e);
    }
    if (failure instanceof InvalidInput e) {
      return Problem.of(400, "invalid-input", "Invalid input", e.getMessage(), e.field());
    }
    if (failure instanceof UnservableRequest e) {
      Problem p =
          Problem.of(
              422, "unservable-request", "Request cannot be served", e.getMessage(), e.field());
      return e.suggestion() == null ? p : p.withExtension("suggestion", e.suggestion());
    }
    if (failure instanceof InsufficientData e) {
      return Problem.of(422, "insufficient-data", "Not enough data", e.getMessage(), null)
          .withExtension("needed", e.needed())
          .withExtension("available", e.available());
    }
    if (failure instanceof CalendarUnknown e) {
      // The calendar does not guess outside its table; the client learns which range it covers.
      return Problem.of(
              422, "calendar-unknown", "Outside the trading calendar", e.getMessage(), e.field())
          .withExtension("covered_from", e.firstDay().toString())
          .withExtension("covered_to", e.lastDay().toString());
    }
    if (failure instanceof SymbolNotFound e) {
      return Problem.of(404, "symbol-not-found", "Symbol not found", e.getMessage(), "symbol")
          .withExtension("symbol", e.symbol())
          .withExtension("provider", e.provider());
    }
    if (failure instanceof JobNotFound e) {
      String title = Character.toUpperCase(e.kind().charAt(0)) + e.kind().substring(1);
      return Problem.of(404, "job-not-found", title + " not found", e.getMessage(), "job_id");
    }
    if (failure instanceof ProviderThrottled e) {
      String title = e.localBudget() ? "Provider budget exhausted" : "Provider throttled";
      return Problem.of(503, "provider-throttled", title, e.getMessage(), null)
          .withExtension("provider", e.provider())
          .withHeader("Retry-After", Long.toString(retryAfterSeconds(e.retryAfter())));
    }
    if (failure instanceof ProviderUnavailable e) {
      return providerUnavailable(e);
    }
    if (failure instanceof ProviderAuthFailure e) {
      return Problem.of(
              502, "provider-auth-failure", "Provider rejected credentials", e.getMessage(), null)
          .withExtension("provider", e.provider());
    }
    if (failure instanceof Overloaded e) {
      // The detail names our own limits; the client only needs to know to come back shortly.
      long retryAfter = retryAfterSeconds(e.retryAfter());
      return Problem.of(
              503,
              "overloaded",
              "Service overloaded",
              "The service has more work waiting than it accepts; retry after "
                  + retryAfter
                  + " s.",
              null)
          .withHeader("Retry-After", Long.toString(retryAfter));
    }
    DependencyUnavailable e = (DependencyUnavailable) failure;
    // The cause's text may describe our infrastructure; the client only learns which part.
    return Problem.of(
            503,
            "dependency-unavailable",
            "Service dependency unavailable",
            e.dependency() + " is unavailable right now; retry later.",
            null)
        .withHeader("Retry-After", Long.toString(retryAfterSeconds(DEPENDENCY_RETRY_AFTER)));
  }

  /**
   * A chain that ended without a price answers as its last provider's failure did (status, type,
   * title, Retry-After), with each provider's failure in order under {@code attempts}.
   */
  private static Problem fallbackExhausted(FallbackExhausted e) {
    Problem last = mapDomain(e.last());
    List<Map<String, Object>> attempts = new ArrayList<>();
    for (MarketDataException failure : e.failures()) {
      Problem p = mapDomain(failure);
      Map<String, Object> attempt = new LinkedHashMap<>();
      attempt.put("provider", p.extensions().get("provider"));
      attempt.put("status", p.status());
      attempt.put("title", p.title());
      attempt.put("detail", p.detail());
      attempts.add(attempt);
    }
    return new Problem(
            last.type(),
            last.title(),
            last.status(),
            "Every provider asked failed; the last: " + last.detail(),
            last.field(),
            last.extensions(),
            last.headers())
        .withExtension("attempts", attempts);
  }

  private static Problem providerUnavailable(ProviderUnavailable e) {
    int status;
    String title;
    switch (e.kind()) {
      case TIMEOUT -> {
        status = 504;
        title = "Provider timeout";
      }
      case NOT_CONFIGURED -> {
        status = 503;
        title = "Provider not configured";
      }
      default -> {
        status = 502;
        title = "Provider failure";
      }
    }
    return Problem.of(status, "provider-unavailable", title, e.getMessage(), null)
        .withExtension("provider", e.provider())
        .withExtension("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
  }

  /** Whole seconds, rounded up, at least 1: a zero would invite an immediate retry storm. */
  static long retryAfterSeconds(Duration wait) {
    long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }
}
