package dev.marketdata.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live page at {@code GET /} is served from the jar with everything it loads, under a policy
 * that allows only this origin, and needs no API key even when one is configured.
 */
@ExtendWith(VertxExtension.class)
class PageRoutesTest {
  private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"");

  @Test
  void thePage_andEveryAssetItReferences_loadWithoutAnApiKey_whenOneIsConfigured(Vertx vertx) {
    ApiHarness api =
        new ApiHarness(vertx)
            .start(
                new HttpConfig(
                    "127.0.0.1",
                    0,
                    HttpConfig.DEFAULT_BODY_LIMIT,
                    HttpConfig.RateLimitConfig.disabled(),
                    Optional.of("s3cret-key")),
                Set.of(),
                () -> "");

    RawHttp.Response page = RawHttp.get(api.port(), "/");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
    assertThat(page.body()).doesNotContain("@UPLOT_VERSION@").doesNotContain("://");
    List<String> assets = referencedAssets(page.body());
    assertThat(assets)
        .contains("/assets/live.js", "/assets/live.css")
        .anyMatch(a -> a.matches("/assets/uplot/\\d+\\.\\d+\\.\\d+/uPlot\\.iife\\.min\\.js"))
        .anyMatch(a -> a.matches("/assets/uplot/\\d+\\.\\d+\\.\\d+/uPlot\\.min\\.css"));
    for (String asset : assets) {
      if (asset.equals("/docs")) {
        continue;
      }
      RawHttp.Response r = RawHttp.get(api.port(), asset);
      assertThat(r.status()).as(asset).isEqualTo(200);
      assertThat(r.body()).as(asset).isNotEmpty();
      assertThat(r.header("Content-Security-Policy")).as(asset).startsWith("default-src 'self'");
      assertThat(r.header("X-Content-Type-Options")).as(asset).isEqualTo("nosniff");
      if (asset.endsWith(".js")) {
        assertThat(r.header("Content-Type")).as(asset).startsWith("text/javascript");
      } else {
        assertThat(r.header("Content-Type")).as(asset).startsWith("text/css");
      }
      if (asset.startsWith("/assets/uplot/")) {
        assertThat(r.header("Cache-Control")).as(asset).contains("max-age=31536000", "immutable");
      } else {
        assertThat(r.header("Cache-Control")).as(asset).isEqualTo("no-cache");
        assertThat(r.header("Last-Modified")).as(asset).isNotBlank();
      }
    }
  }

  @Test
  void thePage_allowsOnlyThisOrigin_andCarriesNoInlineScriptOrStyle(Vertx vertx) {
    ApiHarness api = new ApiHarness(vertx).start();

    RawHttp.Response page = RawHttp.get(api.port(), "/");

    String csp = page.header("Content-Security-Policy");
    assertThat(csp)
        .contains("default-src 'self'", "script-src 'self'", "style-src 'self'")
        .contains("frame-ancestors 'none'", "object-src 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval", "*");
    assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
    // Every <script> loads a file; no style attribute or element; a viewport for phones.
    assertThat(page.body().split("<script", -1)).hasSize(3);
    assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
    assertThat(page.body()).doesNotContain("<style", " style=", "onclick=", "onload=");
    assertThat(page.body()).contains("<meta name=\"viewport\"");
  }

  @Test
  void ofTheUplotWebjar_onlyTheFilesThePageLoads_areServed(Vertx vertx) {
    ApiHarness api = new ApiHarness(vertx).start();
    String script =
        referencedAssets(RawHttp.get(api.port(), "/").body()).stream()
            .filter(a -> a.endsWith("uPlot.iife.min.js"))
            .findFirst()
            .orElseThrow();
    String dir = script.substring(0, script.lastIndexOf('/') + 1);

    for (String other :
        List.of(
            dir + "uPlot.esm.js",
            dir + "uPlot.d.ts",
            dir + "../package.json",
            dir + "%2e%2e/LICENSE",
            "/assets/uplot/0.0.1/uPlot.iife.min.js",
            "/assets/nope.js",
            "/assets/")) {
      RawHttp.Response r = RawHttp.get(api.port(), other);
      assertThat(r.status()).as(other).isEqualTo(404);
      assertThat(r.header("Content-Type")).as(other).isEqualTo("application/problem+json");
    }
  }

  @Test
  void theRestOfTheApi_getsNoPagePolicy(Vertx vertx) {
    ApiHarness api = new ApiHarness(vertx).start();

    RawHttp.Response r = RawHttp.get(api.port(), "/health/live", Map.of());

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Security-Policy")).isNull();
  }

  private static List<String> referencedAssets(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = ASSET.matcher(html);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
