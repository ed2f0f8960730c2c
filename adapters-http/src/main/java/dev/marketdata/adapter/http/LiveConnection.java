package dev.marketdata.adapter.http;

import dev.marketdata.application.live.ConnectionLimits;
import dev.marketdata.application.live.LiveHub;
import dev.marketdata.application.live.LiveMetrics;
import dev.marketdata.application.live.LiveSettings;
import dev.marketdata.application.live.Outbound;
import dev.marketdata.domain.model.LiveEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open stream on its event loop: subscribed to the hub, events buffered while it starts, then
 * queued through its {@link Outbound}; pinged, watched for falling behind, closed once whatever the
 * reason. Every method but {@link #deliver} runs on the connection's context.
 */
abstract class LiveConnection implements LiveHub.Subscriber, Outbound.Sink {
  private static final Logger LOG = LoggerFactory.getLogger(LiveConnection.class);

  /** Live events held while a stream starts; beyond it the stream ends and the client resumes. */
  static final int MAX_START_BUFFER = 50_000;

  final Vertx vertx;
  final Context context;
  final LiveHub hub;
  final LiveSettings settings;
  final LiveMetrics metrics;
  final StreamRegistry registry;
  private final ConnectionLimits.Permit permit;
  private final String transport;
  private List<LiveEvent> startBuffer = new ArrayList<>();
  Outbound outbound;
  private long timer = -1;
  private long lastPingNanos = System.nanoTime();
  private boolean closed;

  LiveConnection(
      String transport,
      Vertx vertx,
      LiveHub hub,
      LiveSettings settings,
      LiveMetrics metrics,
      StreamRegistry registry,
      ConnectionLimits.Permit permit) {
    this.transport = transport;
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.hub = hub;
    this.settings = settings;
    this.metrics = metrics;
    this.registry = registry;
    this.permit = permit;
    registry.add(this);
    metrics.opened(transport);
    // Often enough to ping, notice an idle socket and a slow client in good time; at most 1 s.
    long tick =
        Math.max(
            20,
            Math.min(
                Math.min(1000, settings.ping().toMillis()),
                Math.min(settings.idle().toMillis() / 2, settings.maxBehind().toMillis() / 4)));
    timer = vertx.setPeriodic(tick, id -> housekeeping());
  }

  @Override
  public final void deliver(List<LiveEvent> events) {
    context.runOnContext(v -> onLive(events));
  }

  /** The events this connection still wants, judged on its event loop. */
  List<LiveEvent> select(List<LiveEvent> events) {
    return events;
  }

  private void onLive(List<LiveEvent> delivered) {
    if (closed) {
      return;
    }
    List<LiveEvent> events = select(delivered);
    if (startBuffer != null) {
      startBuffer.addAll(events);
      if (startBuffer.size() > MAX_START_BUFFER) {
        LOG.info("{} stream ended: too many events arrived while it started", transport);
        close(CloseReason.SLOW);
      }
      return;
    }
    offer(events);
  }

  /** Starts live delivery after the replay or snapshot: queued events above what was sent. */
  final void goLive(long after) {
    if (closed) {
      return;
    }
    if (outbound == null) {
      outbound = new Outbound(this, System::nanoTime, after);
    }
    List<LiveEvent> buffered = startBuffer;
    startBuffer = null;
    offer(buffered);
  }

  /** Creates the outbound queue before a replay is offered to it. */
  final void startOutbound(long after) {
    outbound = new Outbound(this, System::nanoTime, after);
  }

  final void offer(List<LiveEvent> events) {
    if (closed || events.isEmpty()) {
      return;
    }
    int replaced = outbound.offer(events);
    if (replaced > 0) {
      metrics.conflated(replaced);
    }
    checkBehind();
  }

  /** Called when the transport's write queue has room again. */
  final void onDrain() {
    if (!closed && outbound != null) {
      outbound.drain();
    }
  }

  private void checkBehind() {
    if (!closed && outbound != null && outbound.behindLongerThan(settings.maxBehind())) {
      metrics.slowClosed(transport);
      close(CloseReason.SLOW);
    }
  }

  private void housekeeping() {
    if (closed) {
      return;
    }
    checkBehind();
    if (closed) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastPingNanos >= settings.ping().toNanos()) {
      lastPingNanos = now;
      ping();
    }
    idleCheck(now);
  }

  /** Sends a keep-alive (SSE comment, WebSocket ping frame). */
  abstract void ping();

  /** Closes a socket that has been silent too long (WebSocket only). */
  void idleCheck(long nowNanos) {}

  /** Ends the transport; called once. */
  abstract void endTransport(CloseReason reason);

  final boolean isClosed() {
    return closed;
  }

  final void countSent() {
    metrics.sent(transport, 1);
  }

  /** Closes the stream once; safe from any thread. */
  final void closeFromAnyThread(CloseReason reason) {
    context.runOnContext(v -> close(reason));
  }

  /** The client went away: forget it without writing. */
  final void closed() {
    close(CloseReason.GONE);
  }

  final void close(CloseReason reason) {
    if (closed) {
      return;
    }
    closed = true;
    hub.remove(this);
    vertx.cancelTimer(timer);
    permit.release();
    registry.remove(this);
    metrics.closed(transport);
    startBuffer = null;
    if (reason != CloseReason.GONE) {
      try {
        endTransport(reason);
      } catch (RuntimeException e) {
        LOG.debug("{} stream end failed: {}", transport, e.toString());
      }
    }
  }

  /** Why a stream ends. */
  enum CloseReason {
    GONE,
    SLOW,
    IDLE,
    SHUTDOWN,
    FAILED
  }
}
