package dev.marketdata.adapter.http;

import static dev.marketdata.adapter.http.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The router's own refusals come out of the same problem mapper. */
@ExtendWith(VertxExtension.class)
class HttpProtocolTest {
  ApiHarness api;

  @BeforeEach
  void start(Vertx vertx) {
    api = new ApiHarness(vertx).start();
  }

  private static void isProblem(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(json(r).get("status").asInt()).isEqualTo(status);
  }

  @Test
  void anUnknownRoute_is404Problem() {
    HttpResponse<Buffer> r = api.get("/prices/nope");
    isProblem(r, 404);
    assertThat(json(r).get("instance").asText()).isEqualTo("/prices/nope");
  }

  @Test
  void aWrongMethod_is405WithAllow() {
    HttpResponse<Buffer> put =
        api.send(HttpMethod.PUT, "/prices/poll", "application/json", Buffer.buffer("{}"), Map.of());
    isProblem(put, 405);
    assertThat(put.getHeader("Allow")).isEqualTo("GET, POST");

    HttpResponse<Buffer> post =
        api.send(
            HttpMethod.POST, "/prices/latest", "application/json", Buffer.buffer("{}"), Map.of());
    isProblem(post, 405);
    assertThat(post.getHeader("Allow")).isEqualTo("GET");

    HttpResponse<Buffer> patch =
        api.send(
            HttpMethod.PATCH,
            "/prices/poll/0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b",
            null,
            null,
            Map.of());
    isProblem(patch, 405);
    assertThat(patch.getHeader("Allow")).isEqualTo("DELETE, GET");
  }

  @Test
  void aBodyOverTheLimit_is413() {
    String big = "{\"symbols\":[\"" + "A".repeat(70 * 1024) + "\"],\"interval\":60}";
    HttpResponse<Buffer> r = api.postJson("/prices/poll", big);
    isProblem(r, 413);
    assertThat(json(r).get("detail").asText()).contains("65536 bytes");
  }

  @Test
  void aGetCarryingABodyOverTheLimit_isAnsweredWithoutReadingIt() {
    // Only POST, PUT and PATCH have their bodies read (and limited): a GET's is never buffered.
    HttpResponse<Buffer> r =
        api.send(
            HttpMethod.GET,
            "/health/live",
            "application/json",
            Buffer.buffer("A".repeat(70 * 1024)),
            Map.of());
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void aNonJsonContentType_is415() {
    for (String type :
        new String[] {"text/plain", "application/xml", "application/json; charset=latin1"}) {
      HttpResponse<Buffer> r =
          api.send(HttpMethod.POST, "/prices/poll", type, Buffer.buffer("{}"), Map.of());
      isProblem(r, 415);
    }
    HttpResponse<Buffer> none =
        api.send(HttpMethod.POST, "/prices/stop", null, Buffer.buffer("{}"), Map.of());
    isProblem(none, 415);
  }

  @Test
  void jsonWithAUtf8Charset_isAccepted() {
    HttpResponse<Buffer> r =
        api.send(
            HttpMethod.POST,
            "/prices/stop",
            "application/json; charset=UTF-8",
            Buffer.buffer("{\"job_id\":\"bad\"}"),
            Map.of());
    isProblem(r, 400);
    assertThat(json(r).get("field").asText()).isEqualTo("job_id");
  }

  @Test
  void aBadPercentEncoding_is400() {
    isProblem(api.get("/prices/latest?symbol=%ZZ"), 400);
  }
}
