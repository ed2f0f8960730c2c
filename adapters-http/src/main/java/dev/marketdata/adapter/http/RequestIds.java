package dev.marketdata.adapter.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when it is a sane token, otherwise a
 * new UUID; echoes it, keeps it in the MDC for the request's log lines and in problem bodies. The
 * debug access line also carries the client address ({@link ClientAddress}) in the MDC.
 */
final class RequestIds implements Handler<RoutingContext> {
  static final String HEADER = "X-Request-Id";
  // Pre-encoded: the answer's header map neither hashes nor encodes the name per request.
  private static final CharSequence HEADER_NAME = HttpHeaders.createOptimized(HEADER);
  static final String MDC_KEY = "request_id";
  private static final String CTX_KEY = "mds.request_id";
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
  static final String CLIENT_MDC_KEY = "client";
  private static final Logger LOG = LoggerFactory.getLogger("dev.marketdata.adapter.http.access");

  private final TrustedProxies trustedProxies;

  RequestIds(TrustedProxies trustedProxies) {
    this.trustedProxies = trustedProxies;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String id = ctx.get(CTX_KEY);
    if (id == null) {
      id = fromRequest(ctx);
    }
    // Added rather than put: the first handler of every request, so nothing has set it yet. From
    // here on idFor reads it back from there.
    ctx.response().headers().add(HEADER_NAME, id);
    if (LOG.isDebugEnabled()) {
      // The access line is built only when it will be written: on the hot path of a cache hit
      // this end handler (and its sanitised path) was several per cent of the event loop.
      long started = System.nanoTime();
      ctx.addEndHandler(
          done ->
              withMdc(
                  ctx,
                  () -> {
                    // The client a trusted proxy names, else the peer: never a header's say-so.
                    MDC.put(CLIENT_MDC_KEY, ClientAddress.of(ctx, trustedProxies));
                    try {
                      LOG.debug(
                          "{} {} -> {} in {} us",
                          ctx.request().method(),
                          Text.printable(ctx.request().path(), 200),
                          ctx.response().getStatusCode(),
                          (System.nanoTime() - started) / 1000);
                    } finally {
                      MDC.remove(CLIENT_MDC_KEY);
                    }
                  }));
    }
    MDC.put(MDC_KEY, id);
    try {
      ctx.next();
    } finally {
      MDC.remove(MDC_KEY);
    }
  }

  /** The request's id, assigning one when this handler has not run (router-level errors). */
  static String idFor(RoutingContext ctx) {
    // The id this handler echoes is the request's id: read back from the answer's headers rather
    // than also kept on the context, whose data map would otherwise be made for this one entry.
    String id = ctx.response().headers().get(HEADER_NAME);
    if (id != null) {
      return id;
    }
    id = ctx.get(CTX_KEY);
    if (id == null) {
      id = fromRequest(ctx);
      ctx.put(CTX_KEY, id);
    }
    return id;
  }

  /** The client's {@code X-Request-Id} when it is a sane token, otherwise a new one. */
  private static String fromRequest(RoutingContext ctx) {
    String given = ctx.request().getHeader(HEADER);
    return given != null && SAFE.matcher(given).matches() ? given : newId();
  }

  /**
   * A random (version 4) UUID from {@link ThreadLocalRandom}: a request id needs uniqueness, not
   * secrecy, and {@link UUID#randomUUID()} would make every event loop take the shared
   * SecureRandom's lock once per request.
   */
  static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  /** Runs {@code action} with the request id in the MDC, for code running after a hop. */
  static void withMdc(RoutingContext ctx, Runnable action) {
    String previous = MDC.get(MDC_KEY);
    String id = idFor(ctx);
    if (id.equals(previous)) {
      // Still inside this request's handle (an answer ready at once, such as a cache hit): the MDC
      // already names it, and handle removes it afterwards.
      action.run();
      return;
    }
    MDC.put(MDC_KEY, id);
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
