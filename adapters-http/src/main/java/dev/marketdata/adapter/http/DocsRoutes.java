package dev.marketdata.adapter.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.Set;

/**
 * The API's own description: {@code /openapi.yaml}, Swagger UI at {@code /docs}, and the Kafka
 * topics' AsyncAPI document at {@code /asyncapi.yaml}.
 *
 * <p>The page and its initializer are ours, at every entry point ({@code /docs}, {@code /docs/},
 * {@code /docs/index.html}, {@code /docs/swagger-initializer.js}): the webjar's copies load the
 * Petstore demo from petstore.swagger.io. Of the webjar only the assets our page loads are served,
 * by exact normalized path, so no other file of it (nor of a later version) is reachable.
 */
final class DocsRoutes {
  static final String OPENAPI_RESOURCE = "openapi.yaml";
  static final String ASYNCAPI_RESOURCE = "asyncapi.yaml";
  private static final String INDEX_RESOURCE = "dev/marketdata/adapter/http/docs.html";
  private static final String INITIALIZER_RESOURCE =
      "dev/marketdata/adapter/http/swagger-initializer.js";
  private static final Set<String> UI_ASSETS =
      Set.of(
          "/docs/swagger-ui.css",
          "/docs/swagger-ui-bundle.js",
          "/docs/swagger-ui-standalone-preset.js",
          "/docs/favicon-32x32.png",
          "/docs/favicon-16x16.png");
  private static final String SWAGGER_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

  private final Buffer openApi;
  private final Buffer asyncApi;
  private final Buffer index;
  private final Buffer initializer;
  private final String swaggerRoot;

  DocsRoutes() {
    this.openApi = Buffer.buffer(resource(OPENAPI_RESOURCE));
    this.asyncApi = Buffer.buffer(resource(ASYNCAPI_RESOURCE));
    this.index = Buffer.buffer(resource(INDEX_RESOURCE));
    this.initializer = Buffer.buffer(resource(INITIALIZER_RESOURCE));
    this.swaggerRoot = "META-INF/resources/webjars/swagger-ui/" + swaggerVersion();
  }

  void mount(Router router) {
    router.get("/openapi.yaml").handler(this::openApi);
    router.get("/asyncapi.yaml").handler(this::asyncApi);
    router.get("/docs").handler(this::index);
    router.get("/docs/").handler(this::index);
    router.get("/docs/index.html").handler(this::index);
    router.get("/docs/swagger-initializer.js").handler(this::initializer);
    router
        .get("/docs/*")
        .handler(DocsRoutes::onlyUiAssets)
        .handler(
            StaticHandler.create(swaggerRoot).setDirectoryListing(false).setMaxAgeSeconds(3600));
  }

  private static void onlyUiAssets(RoutingContext ctx) {
    if (UI_ASSETS.contains(ctx.normalizedPath())) {
      ctx.next();
    } else {
      ctx.fail(404);
    }
  }

  private void openApi(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(openApi);
  }

  private void asyncApi(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(asyncApi);
  }

  private void index(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .end(index);
  }

  private void initializer(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "text/javascript; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .end(initializer);
  }

  static byte[] resource(String name) {
    try (InputStream in = DocsRoutes.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("classpath resource missing: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  /** The webjar's directory carries its version; read it rather than repeat it here. */
  private static String swaggerVersion() {
    Properties props = new Properties();
    try (InputStream in = DocsRoutes.class.getClassLoader().getResourceAsStream(SWAGGER_POM)) {
      if (in == null) {
        throw new IllegalStateException("swagger-ui webjar missing from the classpath");
      }
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SWAGGER_POM, e);
    }
    return props.getProperty("version");
  }
}
