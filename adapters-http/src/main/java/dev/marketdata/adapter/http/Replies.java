package dev.marketdata.adapter.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Bridges use-case stages back onto the request's event loop and writes JSON answers. */
final class Replies {
  static final String JSON = "application/json";

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
    json(ctx, status, body, "no-store");
  }

  /** As {@link #json(RoutingContext, int, Object)} with the given {@code Cache-Control}. */
  static void json(RoutingContext ctx, int status, Object body, String cacheControl) {
    byte[] bytes = Json.write(body);
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", JSON)
        .putHeader("Cache-Control", cacheControl)
        .end(Buffer.buffer(bytes));
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
