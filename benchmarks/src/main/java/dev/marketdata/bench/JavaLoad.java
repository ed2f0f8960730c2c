package dev.marketdata.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP load generator on the Vert.x client: {@code connections} keep-alive
 * connections, one request in flight on each, the next sent when the answer is read. Used when wrk
 * is not installed and for drivers that rotate over many URLs.
 */
final class JavaLoad {
  private static final int MICROS_PER_BUCKET = 10;
  private static final int BUCKETS = 1_000_000; // 10 s at 10 µs resolution

  private JavaLoad() {}

  static LoadResult run(int port, List<String> paths, int connections, double seconds)
      throws InterruptedException {
    Vertx vertx = Vertx.vertx();
    try {
      HttpClientAgent client =
          vertx.createHttpClient(
              new HttpClientOptions().setKeepAlive(true).setPipelining(false),
              new PoolOptions().setHttp1MaxSize(connections));
      AtomicIntegerArray histogram = new AtomicIntegerArray(BUCKETS);
      AtomicLong next = new AtomicLong();
      AtomicLong ok = new AtomicLong();
      AtomicLong errors = new AtomicLong();
      long start = System.nanoTime();
      long end = start + (long) (seconds * 1e9);
      CountDownLatch finished = new CountDownLatch(connections);
      for (int c = 0; c < connections; c++) {
        Runnable[] loop = new Runnable[1];
        loop[0] =
            () -> {
              if (System.nanoTime() >= end) {
                finished.countDown();
                return;
              }
              String path = paths.get((int) (next.getAndIncrement() % paths.size()));
              long sent = System.nanoTime();
              client
                  .request(
                      new RequestOptions()
                          .setMethod(HttpMethod.GET)
                          .setHost("127.0.0.1")
                          .setPort(port)
                          .setURI(path))
                  // body() is asked for inside send()'s callback: Vert.x 5.0.8 never completes a
                  // body() first asked for after the response ended (eclipse-vertx/vert.x#6038),
                  // which a chain built on the main thread can do for a connection's first request.
                  .compose(
                      req -> req.send().compose(resp -> resp.body().map(body -> resp.statusCode())))
                  .onComplete(
                      ar -> {
                        long micros = (System.nanoTime() - sent) / 1000;
                        if (ar.succeeded() && ar.result() == 200) {
                          ok.incrementAndGet();
                          histogram.incrementAndGet(
                              (int) Math.min(BUCKETS - 1, micros / MICROS_PER_BUCKET));
                        } else {
                          errors.incrementAndGet();
                        }
                        loop[0].run();
                      });
            };
        loop[0].run();
      }
      if (!finished.await((long) seconds + 30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("load generator did not finish");
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      Future<Void> closed = client.close();
      Futures.await(closed, 5);
      return new LoadResult(
          "java-vertx-client",
          connections,
          elapsed,
          ok.get(),
          ok.get() / elapsed,
          percentileMillis(histogram, ok.get(), 0.50),
          percentileMillis(histogram, ok.get(), 0.99),
          errors.get());
    } finally {
      Futures.await(vertx.close(), 10);
    }
  }

  private static double percentileMillis(AtomicIntegerArray histogram, long total, double q) {
    if (total == 0) {
      return Double.NaN;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += histogram.get(i);
      if (seen >= rank) {
        return (i + 1) * MICROS_PER_BUCKET / 1000.0;
      }
    }
    return BUCKETS * MICROS_PER_BUCKET / 1000.0;
  }
}
