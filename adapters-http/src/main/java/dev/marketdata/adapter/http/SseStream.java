package dev.marketdata.adapter.http;

import dev.marketdata.application.live.ConnectionLimits;
import dev.marketdata.application.live.LiveHub;
import dev.marketdata.application.live.LiveMetrics;
import dev.marketdata.application.live.LiveStreamService;
import dev.marketdata.application.quality.Staleness;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.LiveEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code GET /stream/prices} response: a snapshot or the replay of what the client missed, then
 * live {@code price} and {@code average} events, pings, and an end when the client is too slow or
 * the replica stops.
 */
final class SseStream extends LiveConnection {
  static final String TRANSPORT = "sse";
  private static final Logger LOG = LoggerFactory.getLogger(SseStream.class);
  private static final Buffer PING = Buffer.buffer(": ping\n\n");

  private final HttpServerResponse response;
  private final LiveStreamService service;
  private final Set<Symbol> symbols;
  private final ProviderId provider;
  private final Set<BarInterval> intervals;
  private final Staleness staleness;

  SseStream(
      Vertx vertx,
      HttpServerResponse response,
      LiveHub hub,
      LiveStreamService service,
      LiveMetrics metrics,
      StreamRegistry registry,
      ConnectionLimits.Permit permit,
      Set<Symbol> symbols,
      ProviderId provider,
      Set<BarInterval> intervals,
      Staleness staleness) {
    super(TRANSPORT, vertx, hub, service.settings(), metrics, registry, permit);
    this.staleness = staleness;
    this.response = response;
    this.service = service;
    this.symbols = symbols;
    this.provider = provider;
    this.intervals = intervals;
    response.closeHandler(v -> closed());
    response.exceptionHandler(e -> closed());
    response.drainHandler(v -> onDrain());
  }

  /** Registers for live events first, then replays from {@code resumeAfter} or sends a snapshot. */
  void start(Optional<Long> resumeAfter) {
    long position = hub.subscribe(this, symbols, provider);
    Future<Void> started =
        resumeAfter.isPresent()
            ? Future.fromCompletionStage(service.resumable(resumeAfter.get()), context)
                .compose(ok -> ok ? replay(resumeAfter.get(), position) : snapshot(position))
            : snapshot(position);
    started.onFailure(
        e -> {
          LOG.warn("stream not started: {}", e.toString());
          close(CloseReason.FAILED);
        });
  }

  private Future<Void> snapshot(long position) {
    return Future.fromCompletionStage(service.snapshot(symbols, provider), context)
        .map(
            snapshot -> {
              if (!isClosed()) {
                write(position, "snapshot", LiveJson.SnapshotJson.of(snapshot, staleness));
                goLive(position);
              }
              return null;
            });
  }

  private Future<Void> replay(long after, long upTo) {
    if (outbound == null) {
      startOutbound(after);
    }
    return Future.fromCompletionStage(service.replay(after, upTo, symbols, provider), context)
        .compose(
            page -> {
              if (isClosed()) {
                return Future.succeededFuture();
              }
              offer(page.stream().filter(this::wants).toList());
              if (page.size() < LiveStreamService.REPLAY_PAGE) {
                goLive(after);
                return Future.succeededFuture();
              }
              return replay(page.get(page.size() - 1).id(), upTo);
            });
  }

  @Override
  public boolean wants(LiveEvent event) {
    // Bars of the intervals asked for (every one without ?intervals=); all prices and averages.
    return !event.isBar() || intervals.isEmpty() || intervals.contains(event.bar().interval());
  }

  @Override
  public boolean writable() {
    return !response.writeQueueFull();
  }

  @Override
  public void write(LiveEvent event) {
    write(event.id(), LiveJson.type(event), LiveJson.data(event, staleness));
    countSent();
  }

  private void write(long id, String type, Object data) {
    byte[] json = Json.write(data);
    Buffer frame = Buffer.buffer(json.length + 48);
    frame.appendString("id: " + id + "\nevent: " + type + "\ndata: ", "UTF-8");
    frame.appendBytes(json);
    frame.appendString("\n\n");
    response.write(frame);
  }

  @Override
  void ping() {
    if (!response.writeQueueFull()) {
      response.write(PING.copy());
    }
  }

  @Override
  void endTransport(CloseReason reason) {
    if (!response.ended() && !response.closed()) {
      response.end();
    }
  }
}
