package dev.marketdata.bootstrap.metrics;

import dev.marketdata.application.live.LiveMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live streams' metrics: {@code mds_stream_open} by transport, {@code
 * mds_stream_events_sent_total}, {@code mds_stream_events_conflated_total}, {@code
 * mds_stream_slow_closed_total} and {@code mds_stream_gap_skipped_total}; a skipped gap is also
 * logged as a warning.
 */
public final class MeteredLiveStreams implements LiveMetrics {
  private static final Logger LOG = LoggerFactory.getLogger(MeteredLiveStreams.class);
  private static final String[] TRANSPORTS = {"sse", "websocket"};

  private final Map<String, AtomicInteger> open;
  private final Map<String, Counter> sent;
  private final Map<String, Counter> slow;
  private final Counter conflated;
  private final Counter gapSkipped;

  public MeteredLiveStreams(MeterRegistry registry) {
    open = Map.of(TRANSPORTS[0], new AtomicInteger(), TRANSPORTS[1], new AtomicInteger());
    for (String t : TRANSPORTS) {
      Gauge.builder("mds.stream.open", open.get(t), AtomicInteger::get)
          .description("Live streams open in this process")
          .tag("transport", t)
          .register(registry);
    }
    sent = Map.of(TRANSPORTS[0], sent(registry, "sse"), TRANSPORTS[1], sent(registry, "websocket"));
    slow = Map.of(TRANSPORTS[0], slow(registry, "sse"), TRANSPORTS[1], slow(registry, "websocket"));
    conflated =
        Counter.builder("mds.stream.events.conflated")
            .description("Pending stream events replaced by a newer one while a client was behind")
            .register(registry);
    gapSkipped =
        Counter.builder("mds.stream.gap.skipped")
            .description("Live log ids skipped as still missing after the gap cap")
            .register(registry);
  }

  private static Counter sent(MeterRegistry registry, String transport) {
    return Counter.builder("mds.stream.events.sent")
        .description("Events written to live stream clients")
        .tag("transport", transport)
        .register(registry);
  }

  private static Counter slow(MeterRegistry registry, String transport) {
    return Counter.builder("mds.stream.slow.closed")
        .description("Live streams closed because the client stayed behind too long")
        .tag("transport", transport)
        .register(registry);
  }

  @Override
  public void opened(String transport) {
    open.get(transport).incrementAndGet();
  }

  @Override
  public void closed(String transport) {
    open.get(transport).decrementAndGet();
  }

  @Override
  public void sent(String transport, int events) {
    sent.get(transport).increment(events);
  }

  @Override
  public void conflated(int events) {
    conflated.increment(events);
  }

  @Override
  public void slowClosed(String transport) {
    slow.get(transport).increment();
  }

  @Override
  public void gapSkipped(long fromId, long toId, Duration waited) {
    gapSkipped.increment(toId - fromId + 1);
    LOG.warn(
        "live log ids {}..{} still missing after {} ms: skipped; their events, should they"
            + " still commit, are not streamed (clients see them in REST reads)",
        fromId,
        toId,
        waited.toMillis());
  }
}
