package dev.marketdata.adapter.http;

import dev.marketdata.testsupport.Await;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Waiting for one HTTP exchange of a test: a deadline far below {@link Await#DEADLINE}, and a
 * failure that names the request, so a request left without an answer fails its test in seconds
 * instead of stalling the build for 90 s.
 */
final class Exchanges {
  /** Ample for one loopback exchange on a loaded machine; a miss is a hang, not slowness. */
  static final Duration DEADLINE = Duration.ofSeconds(15);

  private Exchanges() {}

  /** The exchange's result; {@code request} (such as {@code "GET /x"}) names it if none comes. */
  static <T> T await(String request, Future<T> exchange) {
    CompletableFuture<T> answer = exchange.toCompletionStage().toCompletableFuture();
    try {
      return Await.result(answer, DEADLINE);
    } catch (AssertionError e) {
      if (answer.isDone()) {
        throw e;
      }
      throw new AssertionError(
          request + ": no answer within " + DEADLINE.toSeconds() + " s", e.getCause());
    }
  }
}
