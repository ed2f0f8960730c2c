package dev.marketdata.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every way into Swagger UI under {@code /docs} shows this API's document: the webjar's own {@code
 * index.html} and {@code swagger-initializer.js} load the Petstore demo from petstore.swagger.io.
 */
@ExtendWith(VertxExtension.class)
class DocsRoutesTest {
  static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";

  ApiHarness api;

  @BeforeEach
  void start(Vertx vertx) {
    api = new ApiHarness(vertx).start();
  }

  @Test
  void everyEntryPoint_loadsOurInitializer_whichPointsAtOurDocument() {
    for (String page : List.of("/docs", "/docs/", "/docs/index.html")) {
      RawHttp.Response r = RawHttp.get(api.port(), page);
      assertThat(r.status()).as(page).isEqualTo(200);
      assertThat(r.header("Content-Type")).as(page).startsWith("text/html");
      assertThat(r.body()).as(page).contains("src=\"/docs/swagger-initializer.js\"");
    }
    RawHttp.Response init = RawHttp.get(api.port(), "/docs/swagger-initializer.js");
    assertThat(init.status()).isEqualTo(200);
    assertThat(init.header("Content-Type")).startsWith("text/javascript");
    assertThat(init.body()).contains("url: \"/openapi.yaml\"").doesNotContain("://");
  }

  @Test
  void noResponseUnderDocs_mentionsThePetstore() throws Exception {
    List<String> targets = new ArrayList<>();
    for (String file : webjarFiles()) {
      targets.add("/docs/" + file);
    }
    targets.addAll(
        List.of(
            "/docs",
            "/docs/",
            "/docs/index.html",
            "/docs/swagger-initializer.js",
            "/docs/./swagger-initializer.js",
            "/docs//swagger-initializer.js",
            "/docs/x/../swagger-initializer.js",
            "/docs/%73wagger-initializer.js",
            "/docs/swagger-initializer%2ejs",
            "/docs/swagger-initializer.js/",
            "/docs/index%2ehtml",
            "/docs/./index.html",
            "/docs/oauth2-redirect.html",
            "/docs/index.css"));
    assertThat(targets).as("the webjar's files were found").hasSizeGreaterThan(20);

    List<String> petstore = new ArrayList<>();
    for (String target : targets) {
      RawHttp.Response r = RawHttp.get(api.port(), target);
      if (r.body().toLowerCase(java.util.Locale.ROOT).contains("petstore")) {
        petstore.add(target + " (" + r.status() + ")");
      }
    }
    assertThat(petstore).isEmpty();
  }

  @Test
  void theUiAssets_areServedAndTheRestOfTheWebjarIsNot() {
    for (String asset :
        List.of(
            "swagger-ui.css",
            "swagger-ui-bundle.js",
            "swagger-ui-standalone-preset.js",
            "favicon-32x32.png",
            "favicon-16x16.png")) {
      assertThat(RawHttp.get(api.port(), "/docs/" + asset).status()).as(asset).isEqualTo(200);
    }
    for (String other :
        List.of("oauth2-redirect.html", "swagger-ui.js", "swagger-ui-es-bundle.js", "nope.js")) {
      RawHttp.Response r = RawHttp.get(api.port(), "/docs/" + other);
      assertThat(r.status()).as(other).isEqualTo(404);
      assertThat(r.header("Content-Type")).as(other).isEqualTo("application/problem+json");
    }
  }

  /** File names in the swagger-ui webjar's versioned folder, read from the jar on the classpath. */
  static List<String> webjarFiles() throws Exception {
    URL pom =
        DocsRoutes.class
            .getClassLoader()
            .getResource("META-INF/maven/org.webjars/swagger-ui/pom.properties");
    assertThat(pom).isNotNull();
    List<String> names = new ArrayList<>();
    JarURLConnection connection = (JarURLConnection) pom.openConnection();
    connection.setUseCaches(false);
    try (JarFile jar = connection.getJarFile()) {
      jar.stream()
          .map(e -> e.getName())
          .filter(n -> n.startsWith(WEBJAR) && !n.endsWith("/"))
          .map(n -> n.substring(n.indexOf('/', WEBJAR.length()) + 1))
          .forEach(names::add);
    }
    return names;
  }
}
