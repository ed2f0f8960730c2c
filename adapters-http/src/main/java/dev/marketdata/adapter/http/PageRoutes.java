package dev.marketdata.adapter.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;

/**
 * The live page at {@code GET /}: our HTML, script and style from {@code webroot/} on the class
 * path, and uPlot from its webjar, all under a Content-Security-Policy that allows nothing but this
 * origin (no CDN, no inline script or style).
 *
 * <p>They are public static files: like every GET they need no API key; the page asks for one only
 * when the service answers 401 to starting or stopping a poll job. uPlot is served under its
 * version ({@code /assets/uplot/1.6.30/...}, filled into the page when it is loaded), so it is
 * cached for a year; our own files are revalidated on every load ({@code no-cache} with {@code
 * Last-Modified}), so a new jar's page is never mixed with an old script.
 */
final class PageRoutes {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";
  static final String INDEX_RESOURCE = "webroot/index.html";
  private static final String ASSETS_ROOT = "webroot/assets";
  private static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";
  private static final String UPLOT_VERSION_MARK = "@UPLOT_VERSION@";

  /** Of the webjar only what the page loads, and the licence that comes with it. */
  private static final Set<String> UPLOT_FILES = Set.of("uPlot.iife.min.js", "uPlot.min.css");

  private final String uplotVersion;
  private final Buffer index;

  PageRoutes() {
    this.uplotVersion = uplotVersion();
    String html = new String(DocsRoutes.resource(INDEX_RESOURCE), StandardCharsets.UTF_8);
    this.index = Buffer.buffer(html.replace(UPLOT_VERSION_MARK, uplotVersion));
  }

  void mount(Router router) {
    router.get("/").handler(this::index);
    String uplotPrefix = "/assets/uplot/" + uplotVersion + "/";
    router
        .get(uplotPrefix + "*")
        .handler(ctx -> onlyUplotFiles(ctx, uplotPrefix))
        .handler(
            StaticHandler.create("META-INF/resources/webjars/uplot/" + uplotVersion + "/dist")
                .setDirectoryListing(false)
                .setMaxAgeSeconds(365L * 24 * 3600));
    router
        .get("/assets/*")
        .handler(
            ctx -> {
              secured(ctx);
              ctx.response().putHeader("Cache-Control", "no-cache");
              ctx.next();
            })
        .handler(StaticHandler.create(ASSETS_ROOT).setDirectoryListing(false));
  }

  private void index(RoutingContext ctx) {
    secured(ctx)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .end(index);
  }

  private static void onlyUplotFiles(RoutingContext ctx, String prefix) {
    String path = ctx.normalizedPath();
    if (path.startsWith(prefix) && UPLOT_FILES.contains(path.substring(prefix.length()))) {
      secured(ctx).putHeader("Cache-Control", "public, max-age=31536000, immutable");
      ctx.next();
    } else {
      ctx.fail(404);
    }
  }

  private static io.vertx.core.http.HttpServerResponse secured(RoutingContext ctx) {
    return ctx.response()
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer");
  }

  /** The webjar's directory carries its version; read it rather than repeat it here. */
  private static String uplotVersion() {
    Properties props = new Properties();
    try (InputStream in = PageRoutes.class.getClassLoader().getResourceAsStream(UPLOT_POM)) {
      if (in == null) {
        throw new IllegalStateException("uplot webjar missing from the classpath");
      }
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + UPLOT_POM, e);
    }
    return props.getProperty("version");
  }
}
