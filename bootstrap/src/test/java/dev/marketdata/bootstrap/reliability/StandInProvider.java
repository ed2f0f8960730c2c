package dev.marketdata.bootstrap.reliability;

import dev.marketdata.testsupport.Await;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A local HTTP server answering as Finnhub's quote ({@code /api/v1/quote}) and Yahoo's chart API
 * ({@code /v8/finance/chart/{symbol}}) do, with a new price on every call. Each replica gets its
 * own base URL ({@code http://127.0.0.1:port/<replica>}), so every call is recorded with who made
 * it, for which symbol and when. Yahoo answers after a fixed latency, as a real provider takes a
 * while: a poll run then holds its job's lease for that long.
 */
final class StandInProvider implements AutoCloseable {
  static final String FINNHUB = "finnhub";
  static final String YAHOO = "yahoo";

  /** One request as it arrived. */
  record Call(String replica, String provider, String symbol, Instant at) {}

  private final Vertx vertx;
  private final HttpServer server;
  private final Duration yahooLatency;
  private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
  private final AtomicLong step = new AtomicLong();

  private StandInProvider(Vertx vertx, Duration yahooLatency) {
    this.vertx = vertx;
    this.yahooLatency = yahooLatency;
    this.server =
        Await.result(vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1"));
  }

  static StandInProvider start(Duration yahooLatency) {
    return new StandInProvider(Vertx.vertx(), yahooLatency);
  }

  /** The base URL {@code replica} is configured with (for every provider). */
  String baseUrl(String replica) {
    return "http://127.0.0.1:" + server.actualPort() + "/" + replica;
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  List<Call> calls(Predicate<Call> which) {
    return calls.stream().filter(which).toList();
  }

  private void handle(HttpServerRequest request) {
    Instant at = Instant.now();
    // "", replica, then the provider's own path
    String[] parts = request.path().split("/");
    if (parts.length == 5 && parts[2].equals("api") && parts[4].equals("quote")) {
      String symbol = request.getParam("symbol");
      calls.add(new Call(parts[1], FINNHUB, symbol, at));
      json(request, finnhubQuote());
    } else if (parts.length == 6 && parts[2].equals("v8") && parts[4].equals("chart")) {
      String symbol = parts[5];
      calls.add(new Call(parts[1], YAHOO, symbol, at));
      String body = yahooChart(symbol);
      vertx.setTimer(yahooLatency.toMillis(), id -> json(request, body));
    } else {
      request.response().setStatusCode(404).end();
    }
  }

  private static void json(HttpServerRequest request, String body) {
    request
        .response()
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body)
        .onFailure(e -> {}); // the caller was killed meanwhile: nobody to answer
  }

  private String price() {
    long n = step.incrementAndGet();
    return (100 + n % 97) + "." + (10 + n % 89);
  }

  /** Finnhub's quote body (numbers; {@code t} in unix seconds). */
  private String finnhubQuote() {
    return "{\"c\":"
        + price()
        + ",\"d\":0.5,\"dp\":0.25,\"h\":300,\"l\":50,\"o\":150,\"pc\":149.5,\"t\":"
        + Instant.now().getEpochSecond()
        + "}";
  }

  /** Yahoo's chart body, shortened to the fields a quote reads, as documented. */
  private String yahooChart(String symbol) {
    return "{\"chart\":{\"result\":[{\"meta\":{\"currency\":\"USD\",\"symbol\":\""
        + symbol
        + "\",\"exchangeName\":\"NMS\",\"instrumentType\":\"EQUITY\",\"regularMarketTime\":"
        + Instant.now().getEpochSecond()
        + ",\"gmtoffset\":-18000,\"timezone\":\"EST\","
        + "\"exchangeTimezoneName\":\"America/New_York\",\"regularMarketPrice\":"
        + price()
        + ",\"priceHint\":2,\"dataGranularity\":\"1d\",\"range\":\"1d\"},"
        + "\"timestamp\":[],\"indicators\":{\"quote\":[{}]}}],\"error\":null}}";
  }

  @Override
  public void close() {
    Await.result(vertx.close());
  }
}
