package dev.marketdata.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The SSE client side of the live benchmarks, run as its own JVM ({@link SseClientJvm}) so its heap
 * and CPU are not the service's. Holds many {@code GET /stream/prices} connections on one Vert.x
 * client and measures, for each price received, receipt time minus the quote's {@code timestamp}.
 *
 * <p>Driven over stdin, one command a line; each answer is one JSON line on stdout prefixed with
 * {@code @@ }: {@code open N} (opens N more connections, answers when all have their response
 * headers or failed), {@code measure} (resets the counters), {@code report}, {@code samples} (first
 * receipt of each price by raw_response_id), {@code close} (ends every connection), {@code quit}.
 *
 * <p>Arguments: {@code port symbolPrefix symbolCount symbolsPerConnection}. Connection {@code c}
 * subscribes to symbols {@code (c * symbolsPerConnection + k) % symbolCount}, so consecutive
 * connections cover every symbol.
 */
public final class SseClients implements AutoCloseable {
  static final String ANSWER = "@@ ";
  private static final int CONNECTS_IN_FLIGHT = 128;
  private static final int MAX_SAMPLES = 50_000;
  private static final Clock CLOCK = Clock.systemUTC();

  private final Vertx vertx = Vertx.vertx();
  private final HttpClientAgent client;
  private final int port;
  private final String prefix;
  private final int symbolCount;
  private final int perConnection;
  private final List<HttpClientConnection> open = new CopyOnWriteArrayList<>();
  private int nextIndex;

  private final LatencyHistogram priceLatency = new LatencyHistogram();
  private final LatencyHistogram averageLatency = new LatencyHistogram();
  private final Map<Long, Boolean> distinctPriceIds = new ConcurrentHashMap<>();
  private final Map<String, long[]> receipts = new ConcurrentHashMap<>(); // first, last µs
  private final LongAdder snapshots = new LongAdder();
  private final LongAdder pings = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final LongAdder notAscending = new LongAdder();
  private final LongAdder ended = new LongAdder();
  private final LongAdder failedAfterOpen = new LongAdder();
  private volatile long measureStartNanos = System.nanoTime();

  SseClients(int port, String prefix, int symbolCount, int perConnection) {
    this.port = port;
    this.prefix = prefix;
    this.symbolCount = symbolCount;
    this.perConnection = perConnection;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(port)
                .setKeepAlive(true)
                .setIdleTimeout(0)
                .setConnectTimeout(30_000));
  }

  public static void main(String[] args) throws Exception {
    SseClients clients =
        new SseClients(
            Integer.parseInt(args[0]),
            args[1],
            Integer.parseInt(args[2]),
            Integer.parseInt(args[3]));
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] cmd = line.trim().split("\\s+");
      JsonObject answer =
          switch (cmd[0]) {
            case "open" -> clients.open(Integer.parseInt(cmd[1]));
            case "measure" -> clients.measure();
            case "report" -> clients.report();
            case "samples" -> clients.samples();
            case "close" -> clients.closeAll();
            case "quit" -> null;
            default -> new JsonObject().put("error", "unknown command " + line);
          };
      if (answer == null) {
        break;
      }
      System.out.println(ANSWER + answer.encode());
      System.out.flush();
    }
    clients.close();
    System.exit(0);
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  String query(int index) {
    StringBuilder symbols = new StringBuilder();
    for (int k = 0; k < perConnection; k++) {
      if (k > 0) {
        symbols.append(',');
      }
      symbols.append(String.format("%s%05d", prefix, (index * perConnection + k) % symbolCount));
    }
    return "/stream/prices?provider=simulated&symbols=" + symbols;
  }

  JsonObject open(int n) throws InterruptedException {
    long start = System.nanoTime();
    AtomicInteger ok = new AtomicInteger();
    Map<String, Integer> failures = new ConcurrentHashMap<>();
    java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(CONNECTS_IN_FLIGHT);
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(n);
    for (int i = 0; i < n; i++) {
      window.acquire();
      int index = nextIndex++;
      connect(index)
          .onComplete(
              ar -> {
                if (ar.succeeded()) {
                  ok.incrementAndGet();
                } else {
                  failures.merge(String.valueOf(ar.cause().getMessage()), 1, Integer::sum);
                }
                window.release();
                done.countDown();
              });
    }
    if (!done.await(300, TimeUnit.SECONDS)) {
      failures.merge("not answered within 300 s", (int) done.getCount(), Integer::sum);
    }
    return new JsonObject()
        .put("asked", n)
        .put("ok", ok.get())
        .put("failed", new JsonObject(Map.copyOf(failures)))
        .put("open_now", open.size())
        .put("seconds", Report.round((System.nanoTime() - start) / 1e9));
  }

  /** One connection of its own, one streaming request on it; completes at the response headers. */
  private Future<Void> connect(int index) {
    Promise<Void> headers = Promise.promise();
    client
        .connect(new HttpConnectOptions().setHost("127.0.0.1").setPort(port))
        .onFailure(headers::tryFail)
        .onSuccess(
            connection ->
                connection
                    .request(new RequestOptions().setMethod(HttpMethod.GET).setURI(query(index)))
                    .compose(req -> req.putHeader("Accept", "text/event-stream").send())
                    .onFailure(
                        e -> {
                          connection.close();
                          headers.tryFail(e);
                        })
                    .onSuccess(
                        response -> {
                          if (response.statusCode() != 200) {
                            connection.close();
                            headers.tryFail("HTTP " + response.statusCode());
                            return;
                          }
                          open.add(connection);
                          long[] lastId = {-1};
                          Instant[] receivedAt = {null};
                          SseParser parser = new SseParser(listener(lastId, receivedAt));
                          response.handler(
                              chunk -> {
                                bytes.add(chunk.length());
                                receivedAt[0] = CLOCK.instant();
                                parser.feed(chunk);
                              });
                          response.endHandler(v -> ended.increment());
                          response.exceptionHandler(e -> failedAfterOpen.increment());
                          connection.closeHandler(v -> open.remove(connection));
                          headers.tryComplete();
                        }));
    return headers.future();
  }

  /**
   * Per connection: {@code lastId} checks ids ascend; {@code receivedAt} is the instant its current
   * chunk arrived, set by the chunk handler on the connection's event loop just before parsing.
   */
  private SseParser.Listener listener(long[] lastId, Instant[] receivedAt) {
    return new SseParser.Listener() {
      @Override
      public void onEvent(String id, String event, String data) {
        long n = id == null || id.isEmpty() ? -1 : Long.parseLong(id);
        if (n >= 0) {
          if (n <= lastId[0]) {
            notAscending.increment();
          }
          lastId[0] = n;
        }
        switch (event) {
          case "price" -> {
            JsonObject price = new JsonObject(data);
            priceLatency.record(micros(price, receivedAt[0]));
            distinctPriceIds.put(n, Boolean.TRUE);
            String raw = price.getString("raw_response_id");
            if (raw != null && (receipts.size() < MAX_SAMPLES || receipts.containsKey(raw))) {
              long at = epochMicros(receivedAt[0]);
              receipts.merge(
                  raw,
                  new long[] {at, at},
                  (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            }
          }
          case "average" -> averageLatency.record(micros(new JsonObject(data), receivedAt[0]));
          case "snapshot" -> snapshots.increment();
          default -> {}
        }
      }

      @Override
      public void onComment(String comment) {
        pings.increment();
      }
    };
  }

  private static long micros(JsonObject event, Instant receivedAt) {
    Instant stamp = Instant.parse(event.getString("timestamp"));
    return ChronoUnit.MICROS.between(stamp, receivedAt);
  }

  private static long epochMicros(Instant at) {
    return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
  }

  /**
   * For up to {@value #MAX_SAMPLES} prices received since {@code measure}: raw_response_id → the
   * epoch µs its first and its last copy arrived (over all connections subscribed to its symbol),
   * so the harness can compare them with the stored row.
   */
  JsonObject samples() {
    JsonObject out = new JsonObject();
    receipts.forEach(
        (id, at) -> out.put(id, new io.vertx.core.json.JsonArray().add(at[0]).add(at[1])));
    return new JsonObject().put("receipt_epoch_micros", out);
  }

  JsonObject measure() {
    measureStartNanos = System.nanoTime();
    resetCounters();
    return new JsonObject().put("measuring", true).put("open_now", open.size());
  }

  private void resetCounters() {
    priceLatency.reset();
    averageLatency.reset();
    distinctPriceIds.clear();
    receipts.clear();
    snapshots.reset();
    pings.reset();
    bytes.reset();
    notAscending.reset();
  }

  JsonObject report() {
    double seconds = (System.nanoTime() - measureStartNanos) / 1e9;
    return new JsonObject()
        .put("seconds", Report.round(seconds))
        .put("open_now", open.size())
        .put("price_latency", priceLatency.toJson())
        .put("average_latency", averageLatency.toJson())
        .put("price_deliveries_per_second", Report.round(priceLatency.count() / seconds))
        .put("average_deliveries_per_second", Report.round(averageLatency.count() / seconds))
        .put("distinct_prices_per_second", Report.round(distinctPriceIds.size() / seconds))
        .put("snapshots", snapshots.sum())
        .put("pings", pings.sum())
        .put("bytes_per_second", Report.round(bytes.sum() / seconds))
        .put("ids_not_ascending", notAscending.sum())
        .put("streams_ended_by_server", ended.sum())
        .put("stream_errors", failedAfterOpen.sum());
  }

  JsonObject closeAll() throws Exception {
    int n = open.size();
    for (HttpClientConnection c : List.copyOf(open)) {
      c.close();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return new JsonObject().put("closed", n).put("open_now", open.size());
  }
}
