package dev.marketdata.application.poll;

import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.model.Symbol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a run went, as the job records it: {@code error} (null when every symbol was stored) names
 * the missed symbols first, then each failed one with its failure; the longest throttle retry-after
 * bounds the back-off.
 */
record RunOutcome(String error, boolean allFailed, Duration retryAfter, int failed, int missed) {
  private static final int MAX_ERROR_LENGTH = 500;

  static RunOutcome of(
      PollJob job, Set<Symbol> stored, Map<Symbol, Throwable> failures, String missedBecause) {
    List<String> missed = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Duration retryAfter = null;
    for (Symbol symbol : job.symbols()) {
      Throwable failure = failures.get(symbol);
      if (failure != null) {
        errors.add(symbol + ": " + failure.getMessage());
        if (failure instanceof ProviderThrottled t
            && (retryAfter == null || t.retryAfter().compareTo(retryAfter) > 0)) {
          retryAfter = t.retryAfter();
        }
      } else if (!stored.contains(symbol)) {
        missed.add(symbol.value());
      }
    }
    if (!missed.isEmpty()) {
      errors.add(
          0,
          "missed "
              + missed.size()
              + " of "
              + job.symbols().size()
              + " symbol(s), "
              + missedBecause
              + ": "
              + String.join(", ", missed));
    }
    int notStored = missed.size() + failures.size();
    String error = errors.isEmpty() ? null : truncate(String.join("; ", errors));
    return new RunOutcome(
        error, notStored == job.symbols().size(), retryAfter, failures.size(), missed.size());
  }

  private static String truncate(String text) {
    return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH) + "…";
  }
}
