package dev.marketdata.adapter.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when it is a sane token, otherwise a
 * new UUID; echoes it, keeps it in the MDC for the request's log lines and in problem bodies.
 */
final class RequestIds implements Handler<RoutingContext> {
  static final String HEADER = "X-Request-Id";
  static final String MDC_KEY = "request_id";
  private static final String CTX_KEY = "mds.request_id";
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
  private static final Logger LOG = LoggerFactory.getLogger("dev.marketdata.adapter.http.access");

  @Override
  public void handle(RoutingContext ctx) {
    String id = idFor(ctx);
    ctx.response().putHeader(HEADER, id);
    long started = System.nanoTime();
    ctx.addEndHandler(
        done ->
            withMdc(
                ctx,
                () ->
                    LOG.debug(
                        "{} {} -> {} in {} us",
                        ctx.request().method(),
                        Text.printable(ctx.request().path(), 200),
                        ctx.response().getStatusCode(),
                        (System.nanoTime() - started) / 1000)));
    MDC.put(MDC_KEY, id);
    try {
      ctx.next();
    } finally {
      MDC.remove(MDC_KEY);
    }
  }

  /** The request's id, assigning one when this handler has not run (router-level errors). */
  static String idFor(RoutingContext ctx) {
    String id = ctx.get(CTX_KEY);
    if (id == null) {
      String given = ctx.request().getHeader(HEADER);
      id = given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
      ctx.put(CTX_KEY, id);
    }
    return id;
  }

  /** Runs {@code action} with the request id in the MDC, for code running after a hop. */
  static void withMdc(RoutingContext ctx, Runnable action) {
    String previous = MDC.get(MDC_KEY);
    MDC.put(MDC_KEY, idFor(ctx));
    try {
      action.run();
    } finally {
      if (previous == null) {
        MDC.remove(MDC_KEY);
      } else {
        MDC.put(MDC_KEY, previous);
      }
    }
  }
}
