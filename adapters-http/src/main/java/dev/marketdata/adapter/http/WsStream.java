package dev.marketdata.adapter.http;

import dev.marketdata.application.live.ConnectionLimits;
import dev.marketdata.application.live.LiveHub;
import dev.marketdata.application.live.LiveMetrics;
import dev.marketdata.application.live.LiveSettings;
import dev.marketdata.application.quality.Staleness;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.LiveEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One {@code /stream} WebSocket: the client subscribes to prices and averages of symbols and gets
 * them as they are stored; refused messages are answered with an error and the socket stays open.
 * Close codes: 1001 replica stopping, 4000 idle (nothing, not even a pong, for the idle time), 4008
 * too slow.
 */
final class WsStream extends LiveConnection {
  static final String TRANSPORT = "websocket";
  static final short IDLE = 4000;
  static final short TOO_SLOW = 4008;
  static final short GOING_AWAY = 1001;
  private static final Buffer PING = Buffer.buffer("ping");

  private final ServerWebSocket socket;
  private final ProviderId provider;
  private final TreeSet<Symbol> prices = new TreeSet<>();
  private final TreeSet<Symbol> averages = new TreeSet<>();
  private final TreeSet<Symbol> bars = new TreeSet<>();
  private long lastHeardNanos = System.nanoTime();
  private final Staleness staleness;

  WsStream(
      Vertx vertx,
      ServerWebSocket socket,
      LiveHub hub,
      LiveSettings settings,
      LiveMetrics metrics,
      StreamRegistry registry,
      ConnectionLimits.Permit permit,
      ProviderId provider,
      Staleness staleness) {
    super(TRANSPORT, vertx, hub, settings, metrics, registry, permit);
    this.staleness = staleness;
    this.socket = socket;
    this.provider = provider;
    socket.closeHandler(v -> closed());
    socket.exceptionHandler(e -> closed());
    socket.drainHandler(v -> onDrain());
    socket.pongHandler(b -> heard());
    socket.textMessageHandler(this::onText);
    socket.binaryMessageHandler(
        b -> {
          heard();
          error("invalid_message", "Messages are JSON text, not binary.");
        });
    goLive(0);
  }

  private void heard() {
    lastHeardNanos = System.nanoTime();
  }

  private void onText(String text) {
    heard();
    if (isClosed()) {
      return;
    }
    LiveJson.ActionMessage message;
    try {
      message = Json.read(text.getBytes(StandardCharsets.UTF_8), LiveJson.ActionMessage.class);
    } catch (HttpProblem e) {
      error("invalid_message", e.getMessage());
      return;
    }
    if (message.action() == null
        || !(message.action().equals("subscribe") || message.action().equals("unsubscribe"))) {
      error("invalid_message", "Field 'action' must be \"subscribe\" or \"unsubscribe\".");
      return;
    }
    List<Symbol> p;
    List<Symbol> a;
    List<Symbol> b;
    try {
      p = symbols(message.prices());
      a = symbols(message.averages());
      b = symbols(message.bars());
    } catch (InvalidInput e) {
      error("invalid_symbol", e.getMessage());
      return;
    }
    Set<Symbol> before = followed();
    if (message.action().equals("subscribe")) {
      TreeSet<Symbol> union = new TreeSet<>(before);
      union.addAll(p);
      union.addAll(a);
      union.addAll(b);
      if (union.size() > settings.maxSymbols()) {
        error(
            "too_many_symbols",
            "A socket follows at most "
                + settings.maxSymbols()
                + " symbols; this would make "
                + union.size()
                + ".");
        return;
      }
      prices.addAll(p);
      averages.addAll(a);
      bars.addAll(b);
      TreeSet<Symbol> added = new TreeSet<>(union);
      added.removeAll(before);
      hub.subscribe(this, added, provider);
    } else {
      p.forEach(prices::remove);
      a.forEach(averages::remove);
      b.forEach(bars::remove);
      TreeSet<Symbol> removed = new TreeSet<>(before);
      removed.removeAll(followed());
      hub.unsubscribe(this, removed, provider);
    }
    send(
        LiveJson.SubscriptionMessage.of(
            prices.stream().map(Symbol::value).toList(),
            averages.stream().map(Symbol::value).toList(),
            bars.stream().map(Symbol::value).toList()));
  }

  private static List<Symbol> symbols(List<String> names) {
    List<Symbol> out = new ArrayList<>();
    if (names != null) {
      for (String name : names) {
        out.add(Symbol.of(name));
      }
    }
    return out;
  }

  private Set<Symbol> followed() {
    TreeSet<Symbol> all = new TreeSet<>(prices);
    all.addAll(averages);
    all.addAll(bars);
    return all;
  }

  private void error(String code, String message) {
    send(LiveJson.ErrorMessage.of(code, message));
  }

  private void send(Object message) {
    if (!isClosed()) {
      socket.writeTextMessage(new String(Json.write(message), StandardCharsets.UTF_8));
    }
  }

  @Override
  public boolean wants(LiveEvent event) {
    return true; // the hub picks by symbol; the kind is picked on the event loop, see select
  }

  @Override
  List<LiveEvent> select(List<LiveEvent> events) {
    List<LiveEvent> wanted = new ArrayList<>(events.size());
    for (LiveEvent e : events) {
      TreeSet<Symbol> followed = e.isPrice() ? prices : e.isAverage() ? averages : bars;
      if (followed.contains(e.symbol())) {
        wanted.add(e);
      }
    }
    return wanted;
  }

  @Override
  public boolean writable() {
    return !socket.writeQueueFull();
  }

  @Override
  public void write(LiveEvent event) {
    socket.writeTextMessage(
        new String(Json.write(LiveJson.EventMessage.of(event, staleness)), StandardCharsets.UTF_8));
    countSent();
  }

  @Override
  void ping() {
    socket.writePing(PING.copy());
  }

  @Override
  void idleCheck(long nowNanos) {
    if (nowNanos - lastHeardNanos > settings.idle().toNanos()) {
      close(CloseReason.IDLE);
    }
  }

  @Override
  void endTransport(CloseReason reason) {
    if (socket.isClosed()) {
      return;
    }
    switch (reason) {
      case SLOW -> socket.close(TOO_SLOW, "too slow");
      case IDLE -> socket.close(IDLE, "idle timeout");
      case SHUTDOWN -> socket.close(GOING_AWAY, "server stopping");
      default -> socket.close((short) 1011, "stream failed");
    }
  }
}
