package dev.marketdata.adapter.http;

import static dev.marketdata.adapter.http.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class InfoRouteTest {
  static final ServiceInfo INFO =
      new ServiceInfo(
          "market-data-service",
          "1.2.3",
          "0123456789abcdef0123456789abcdef01234567",
          "2026-11-30T17:00:00Z",
          "17.0.13",
          List.of("api", "relay"),
          List.of("simulated", "yahoo"));

  @Test
  void info_reportsBuildJavaRolesAndProviders(Vertx vertx) {
    ApiHarness api = new ApiHarness(vertx).start(INFO);

    HttpResponse<Buffer> r = api.get("/info");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).startsWith("application/json");
    assertThat(r.bodyAsString())
        .isEqualTo(
            "{\"name\":\"market-data-service\",\"version\":\"1.2.3\","
                + "\"git_commit\":\"0123456789abcdef0123456789abcdef01234567\","
                + "\"build_time\":\"2026-11-30T17:00:00Z\",\"java_version\":\"17.0.13\","
                + "\"roles\":[\"api\",\"relay\"],\"providers\":[\"simulated\",\"yahoo\"]}");
  }

  @Test
  void givenNoBuildInfo_info_saysUnknown_andStillNamesTheJavaVersion(Vertx vertx) {
    ApiHarness api = new ApiHarness(vertx).start();

    JsonNode body = json(api.get("/info"));

    assertThat(body.get("version").asText()).isEqualTo("unknown");
    assertThat(body.get("git_commit").asText()).isEqualTo("unknown");
    assertThat(body.get("java_version").asText()).isEqualTo(System.getProperty("java.version"));
  }

  @Test
  void givenAQueryParameter_info_refusesItNamingIt(Vertx vertx) {
    ApiHarness api = new ApiHarness(vertx).start(INFO);

    HttpResponse<Buffer> r = api.get("/info?verbose=true");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(json(r).get("field").asText()).isEqualTo("verbose");
  }
}
