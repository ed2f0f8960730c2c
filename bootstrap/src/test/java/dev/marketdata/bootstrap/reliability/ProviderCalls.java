package dev.marketdata.bootstrap.reliability;

import dev.marketdata.bootstrap.reliability.StandInProvider.Call;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The calls the stand-in provider received for one provider, read back: per symbol oldest first,
 * per replica, and the gaps between two calls for one symbol.
 */
final class ProviderCalls {
  private final StandInProvider provider;
  private final String name;

  ProviderCalls(StandInProvider provider, String name) {
    this.provider = provider;
    this.name = name;
  }

  /** The calls for {@code symbol} that {@code which} accepts, oldest first. */
  List<Call> of(String symbol, Predicate<Call> which) {
    return provider
        .calls(c -> c.provider().equals(name) && c.symbol().equals(symbol) && which.test(c))
        .stream()
        .sorted(Comparator.comparing(Call::at))
        .toList();
  }

  Map<String, Long> byReplica() {
    return new TreeMap<>(
        provider.calls(c -> c.provider().equals(name)).stream()
            .collect(Collectors.groupingBy(Call::replica, Collectors.counting())));
  }

  /**
   * The most calls one replica had waiting at once, when each is answered after {@code latency}.
   */
  int mostInFlight(Duration latency) {
    int most = 0;
    for (String replica : byReplica().keySet()) {
      List<Instant> sent =
          provider.calls(c -> c.provider().equals(name) && c.replica().equals(replica)).stream()
              .map(Call::at)
              .sorted()
              .toList();
      for (int i = 0, first = 0; i < sent.size(); i++) {
        while (!sent.get(first).plus(latency).isAfter(sent.get(i))) {
          first++;
        }
        most = Math.max(most, i - first + 1);
      }
    }
    return most;
  }

  Duration smallestGap(List<String> symbols) {
    return gaps(symbols).stream().min(Comparator.naturalOrder()).orElse(Duration.ZERO);
  }

  Duration largestGap(List<String> symbols) {
    return gaps(symbols).stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO);
  }

  private List<Duration> gaps(List<String> symbols) {
    List<Duration> gaps = new ArrayList<>();
    for (String symbol : symbols) {
      List<Call> calls = of(symbol, c -> true);
      for (int i = 1; i < calls.size(); i++) {
        gaps.add(Duration.between(calls.get(i - 1).at(), calls.get(i).at()));
      }
    }
    return gaps;
  }

  /**
   * Intervals with no call between {@code from} and {@code to}: two calls (or a call and the
   * window's edge) two intervals apart or more. A run that ends after its next due time only delays
   * the next one (runs are never queued), so a gap a little over an interval is no miss.
   */
  static int missedIntervals(List<Call> calls, Instant from, Instant to, Duration interval) {
    List<Instant> times = new ArrayList<>();
    times.add(from);
    calls.forEach(c -> times.add(c.at()));
    times.add(to);
    int missed = 0;
    for (int i = 1; i < times.size(); i++) {
      long gap = Duration.between(times.get(i - 1), times.get(i)).toMillis();
      missed += (int) Math.max(0, gap / interval.toMillis() - 1);
    }
    return missed;
  }
}
