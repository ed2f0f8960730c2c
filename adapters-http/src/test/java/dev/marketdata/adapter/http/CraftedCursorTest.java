package dev.marketdata.adapter.http;

import static dev.marketdata.adapter.http.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cursor is client input like {@code from} and {@code to}: one decoding to a position they would
 * refuse is a 400 naming {@code cursor}, and never reaches the use case (once a 500 from the
 * database for epoch second 31556889864403199).
 */
@ExtendWith(VertxExtension.class)
class CraftedCursorTest {
  private ApiHarness api;

  @BeforeEach
  void start(Vertx vertx) {
    api = new ApiHarness(vertx).start();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "31556889864403199.0.0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b",
        "253402300800.0.0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b",
        "-1.0.0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b",
        "5.-1.0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b",
        "5.0.1-1-1-1-1"
      })
  void givenACraftedCursor_history_is400NamingCursor(String plain) {
    String cursor =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(plain.getBytes(StandardCharsets.UTF_8));

    HttpResponse<Buffer> r = api.get("/prices/history?symbol=AAPL&cursor=" + cursor);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(json(r).get("field").asText()).isEqualTo("cursor");
    verify(api.history, never()).history(any());
  }
}
