package dev.marketdata.application.live;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Duration;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How the live streams behave (README "Live data").
 *
 * @param maxSymbols symbols one SSE stream or one WebSocket may follow
 * @param maxConnections open streams one process accepts
 * @param maxConnectionsPerClient open streams one client (API key or address) may hold
 * @param ping how often an idle stream is pinged
 * @param idle a WebSocket from which nothing arrived for this long is closed
 * @param maxBehind a stream whose client cannot keep up for this long is closed
 * @param resumeWindow how far back a Last-Event-ID is honoured
 * @param averageWindows the window sizes the consumer maintains, all streamed
 * @param feedPoll the feed's pause between reads while clients are connected
 * @param feedIdlePoll the feed's pause between reads while none is
 * @param feedBatch events per read of the log
 * @param gapCap how long the feed holds a missing id before skipping it
 */
public record LiveSettings(
    int maxSymbols,
    int maxConnections,
    int maxConnectionsPerClient,
    Duration ping,
    Duration idle,
    Duration maxBehind,
    Duration resumeWindow,
    SortedSet<Integer> averageWindows,
    Duration feedPoll,
    Duration feedIdlePoll,
    int feedBatch,
    Duration gapCap) {
  public static final Duration MIN_RESUME_WINDOW = Duration.ofMinutes(5);

  public LiveSettings {
    positive("maxSymbols", maxSymbols);
    positive("maxConnections", maxConnections);
    positive("maxConnectionsPerClient", maxConnectionsPerClient);
    positive("feedBatch", feedBatch);
    for (Duration d :
        new Duration[] {ping, idle, maxBehind, resumeWindow, feedPoll, feedIdlePoll}) {
      Objects.requireNonNull(d);
      if (d.isNegative() || d.isZero()) {
        throw new InvalidInput("stream", d, "durations must be positive");
      }
    }
    Objects.requireNonNull(gapCap, "gapCap");
    averageWindows = new TreeSet<>(averageWindows);
  }

  /** The documented defaults, with the consumer's default window of 5. */
  public static LiveSettings defaults() {
    return new LiveSettings(
        100,
        20_000,
        50,
        Duration.ofSeconds(15),
        Duration.ofSeconds(60),
        Duration.ofSeconds(30),
        Duration.ofMinutes(15),
        new TreeSet<>(java.util.List.of(5)),
        Duration.ofMillis(50),
        Duration.ofMillis(500),
        500,
        Duration.ofSeconds(10));
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new InvalidInput("stream." + name, value, "must be at least 1");
    }
  }
}
