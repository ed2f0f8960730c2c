package dev.marketdata.adapter.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Bridges use-case stages back onto the request's event loop and writes JSON answers. */
final class Replies {
  static final String JSON = "application/json";
  // Header names and the common values as pre-encoded ASCII: the response's header map then
  // neither hashes nor encodes them again on every answer.
  static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
  static final CharSequence CACHE_CONTROL = HttpHeaders.createOptimized("Cache-Control");
  private static final CharSequence JSON_VALUE = HttpHeaders.createOptimized(JSON);
  private static final String NO_STORE = "no-store";
  private static final CharSequence NO_STORE_VALUE = HttpHeaders.createOptimized(NO_STORE);

  private Replies() {}

  /**
   * Calls the use case, then hands its result to {@code onSuccess} on the request's context (with
   * the request id in the MDC); a synchronous throw or a failed stage goes to the problem mapper.
   */
  static <T> void async(
      RoutingContext ctx, Supplier<CompletionStage<T>> call, Consumer<T> onSuccess) {
    CompletionStage<T> stage = call.get();
    // Exactly CompletableFuture: a minimalCompletionStage() is a subclass whose isDone() throws.
    if (stage instanceof CompletableFuture<T> done
        && done.getClass() == CompletableFuture.class
        && done.isDone()
        && Context.isOnEventLoopThread()) {
      // Already answered (a cache hit) and already on the request's event loop: reply now rather
      // than queueing a task to reach the same thread.
      done.whenComplete((value, failure) -> complete(ctx, value, failure, onSuccess));
      return;
    }
    Future.fromCompletionStage(stage, ctx.vertx().getOrCreateContext())
        .onComplete(result -> complete(ctx, result.result(), result.cause(), onSuccess));
  }

  private static <T> void complete(
      RoutingContext ctx, T value, Throwable failure, Consumer<T> onSuccess) {
    RequestIds.withMdc(
        ctx,
        () -> {
          if (failure != null) {
            ctx.fail(failure);
            return;
          }
          try {
            onSuccess.accept(value);
          } catch (RuntimeException e) {
            ctx.fail(e);
          }
        });
  }

  static void json(RoutingContext ctx, int status, Object body) {
    json(ctx, status, body, NO_STORE);
  }

  /** As {@link #json(RoutingContext, int, Object)} with the given {@code Cache-Control}. */
  static void json(RoutingContext ctx, int status, Object body, String cacheControl) {
    byte[] bytes = Json.write(body);
    ctx.response()
        .setStatusCode(status)
        .putHeader(CONTENT_TYPE, JSON_VALUE)
        .putHeader(CACHE_CONTROL, NO_STORE.equals(cacheControl) ? NO_STORE_VALUE : cacheControl)
        .end(Buffer.buffer(bytes));
  }

  /** As {@link #json(RoutingContext, int, Object)} with a body already encoded. */
  static void json(RoutingContext ctx, int status, Buffer encoded) {
    var response = ctx.response().setStatusCode(status);
    // Added rather than put (which first looks for an earlier value): no handler before a route's
    // answer sets these two.
    response.headers().add(CONTENT_TYPE, JSON_VALUE).add(CACHE_CONTROL, NO_STORE_VALUE);
    response.end(encoded);
  }

  /** Requires {@code application/json} (UTF-8 if a charset is named) on a request with a body. */
  static void requireJson(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null) {
      throw unsupported("The request has no Content-Type; send application/json.");
    }
    String[] parts = type.split(";");
    if (!parts[0].strip().equalsIgnoreCase(JSON)) {
      throw unsupported(
          "Content-Type '"
              + Text.printable(type, 64)
              + "' is not supported; send application/json.");
    }
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].strip().split("=", 2);
      if (kv[0].strip().equalsIgnoreCase("charset")
          && (kv.length < 2 || !kv[1].strip().replace("\"", "").equalsIgnoreCase("utf-8"))) {
        throw unsupported("Only the UTF-8 charset is supported.");
      }
    }
  }

  private static HttpProblem unsupported(String detail) {
    return new HttpProblem(415, null, "Unsupported Media Type", detail, "Content-Type");
  }
}
