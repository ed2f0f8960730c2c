package dev.marketdata.adapter.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The API's own description: {@code /openapi.yaml} and Swagger UI at {@code /docs}. */
final class DocsRoutes {
  static final String OPENAPI_RESOURCE = "openapi.yaml";
  private static final String INDEX_RESOURCE = "dev/marketdata/adapter/http/docs.html";
  private static final String SWAGGER_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

  private final Buffer openApi;
  private final Buffer index;
  private final String swaggerRoot;

  DocsRoutes() {
    this.openApi = Buffer.buffer(resource(OPENAPI_RESOURCE));
    this.index = Buffer.buffer(resource(INDEX_RESOURCE));
    this.swaggerRoot = "META-INF/resources/webjars/swagger-ui/" + swaggerVersion();
  }

  void mount(Router router) {
    router.get("/openapi.yaml").handler(this::openApi);
    router.get("/docs").handler(this::index);
    router.get("/docs/").handler(this::index);
    router
        .get("/docs/*")
        .handler(
            StaticHandler.create(swaggerRoot).setDirectoryListing(false).setMaxAgeSeconds(3600));
  }

  private void openApi(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(openApi);
  }

  private void index(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(index);
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
