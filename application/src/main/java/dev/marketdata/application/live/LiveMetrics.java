package dev.marketdata.application.live;

import java.time.Duration;

/** What the live streams report: open streams, events sent and conflated, slow closes, gaps. */
public interface LiveMetrics {
  /** Reports nothing (tests, and a process without metrics). */
  LiveMetrics NONE = new LiveMetrics() {};

  /** A stream of this transport ({@code sse}, {@code websocket}) opened. */
  default void opened(String transport) {}

  /** A stream of this transport closed, for whatever reason. */
  default void closed(String transport) {}

  /** Events written to a client of this transport. */
  default void sent(String transport, int events) {}

  /** Pending events a newer one of the same key replaced while a client was behind. */
  default void conflated(int events) {}

  /** A stream closed because its client stayed behind too long. */
  default void slowClosed(String transport) {}

  /** Ids {@code fromId..toId} skipped as still missing after {@code waited}. */
  default void gapSkipped(long fromId, long toId, Duration waited) {}
}
