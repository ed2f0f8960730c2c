package dev.marketdata.adapter.http;

import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every failure as {@code application/problem+json}: route failures, the router's own
 * 404/405, the body handler's 413, and requests too malformed to route. Unexpected exceptions are
 * logged with the request id and answered with a generic 500.
 */
final class ProblemResponder {
  static final String PROBLEM_JSON = "application/problem+json";
  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponder.class);

  private final long bodyLimitBytes;
  private final Router router;

  ProblemResponder(long bodyLimitBytes, Router router) {
    this.bodyLimitBytes = bodyLimitBytes;
    this.router = router;
  }

  /** Failure handler and router error handler alike. */
  void handle(RoutingContext ctx) {
    RequestIds.withMdc(ctx, () -> respond(ctx));
  }

  private void respond(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status = ctx.statusCode();
    if (failure == null && (status < 400 || status > 599) && badlyEncoded(ctx.request().path())) {
      status = 400;
    }
    Problem problem = ProblemMapper.map(failure, status);
    if (problem.status() == 500) {
      LOG.error(
          "unexpected failure (status {}) on {} {}",
          ctx.statusCode(),
          ctx.request().method(),
          Text.printable(ctx.request().path(), 200),
          failure);
    } else if (problem.status() >= 500) {
      LOG.warn("{} {}: {}", problem.status(), problem.title(), problem.detail());
    }
    if (problem.status() == 405) {
      problem = problem.withHeader("Allow", String.join(", ", allowed(ctx)));
    } else if (problem.status() == 413 && failure == null) {
      problem =
          Problem.of(
              413,
              null,
              "Content Too Large",
              "The request body exceeds the limit of " + bodyLimitBytes + " bytes.",
              null);
    }
    HttpServerResponse response = ctx.response();
    if (response.headWritten() || response.ended() || response.closed()) {
      // Too late for a problem body; drop the connection so the client sees a failure.
      if (!response.closed()) {
        ctx.request().connection().close();
      }
      return;
    }
    write(response, problem, ctx.request().path(), RequestIds.idFor(ctx));
  }

  /** True when a {@code %} is not followed by two hex digits: the path cannot be decoded. */
  static boolean badlyEncoded(String path) {
    if (path == null) {
      return true;
    }
    for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
      if (i + 2 >= path.length()
          || Character.digit(path.charAt(i + 1), 16) < 0
          || Character.digit(path.charAt(i + 2), 16) < 0) {
        return true;
      }
    }
    return false;
  }

  /** Sends a problem built by a route itself (readiness). */
  static void send(RoutingContext ctx, Problem problem) {
    write(ctx.response(), problem, ctx.request().path(), RequestIds.idFor(ctx));
  }

  /** Answers requests the HTTP codec itself rejected, before any routing, then closes. */
  static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status = 400;
    if (cause instanceof TooLongFrameException) {
      String msg = String.valueOf(cause.getMessage());
      status =
          msg.contains("header") ? 431 : msg.contains("URI") || msg.contains("line") ? 414 : 400;
    }
    Problem problem =
        Problem.of(
            status,
            null,
            status == 431
                ? "Request Header Fields Too Large"
                : status == 414 ? "URI Too Long" : "Bad Request",
            "The request is not a well-formed HTTP request.",
            null);
    HttpServerResponse response = request.response();
    response.putHeader("Connection", "close");
    write(response, problem, "/", UUID.randomUUID().toString())
        .onComplete(done -> request.connection().close());
  }

  private static io.vertx.core.Future<Void> write(
      HttpServerResponse response, Problem problem, String path, String requestId) {
    response.setStatusCode(problem.status());
    response.putHeader("Content-Type", PROBLEM_JSON);
    response.putHeader("Cache-Control", "no-store");
    problem.headers().forEach(response::putHeader);
    String instance = path == null ? "/" : Text.printable(path, 256);
    return response.end(Buffer.buffer(Json.write(problem.body(instance, requestId))));
  }

  /** Methods of the routes whose path template matches this request's path. */
  private Set<String> allowed(RoutingContext ctx) {
    Set<String> methods = new TreeSet<>();
    String path = ctx.normalizedPath();
    for (Route route : router.getRoutes()) {
      String template = route.getPath();
      if (template != null && route.methods() != null && matches(template, path)) {
        route.methods().stream().map(HttpMethod::name).forEach(methods::add);
      }
    }
    return methods;
  }

  static boolean matches(String template, String path) {
    if (path == null) {
      return false;
    }
    String[] t = trim(template).split("/", -1);
    String[] p = trim(path).split("/", -1);
    if (t.length != p.length) {
      return false;
    }
    for (int i = 0; i < t.length; i++) {
      if (!t[i].startsWith(":") && !t[i].equals(p[i])) {
        return false;
      }
    }
    return true;
  }

  private static String trim(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
