package dev.marketdata.adapter.http;

import static dev.marketdata.adapter.http.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.marketdata.application.bar.BarRequest;
import dev.marketdata.domain.model.Bar;
import dev.marketdata.domain.model.BarCursor;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.BarPage;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;

@ExtendWith(VertxExtension.class)
class BarRoutesTest {
  ApiHarness api;

  @BeforeEach
  void start(Vertx vertx) {
    api = new ApiHarness(vertx).start();
  }

  @Test
  void givenBars_bars_answersTheSpecBody() {
    Instant start = Instant.parse("2024-03-20T10:29:00Z");
    Bar bar =
        new Bar(
            Symbol.of("AAPL"),
            ProviderId.SIMULATED,
            BarInterval.ONE_MINUTE,
            start,
            start.plusSeconds(60),
            new BigDecimal("150.10"),
            new BigDecimal("150.40"),
            new BigDecimal("149.95"),
            new BigDecimal("150.25"),
            60,
            false);
    BarCursor next = new BarCursor(BarInterval.ONE_MINUTE, start);
    when(api.bars.bars(any()))
        .thenReturn(
            CompletableFuture.completedFuture(new BarPage(List.of(bar), Optional.of(next))));

    HttpResponse<Buffer> r =
        api.get(
            "/prices/bars?symbol=AAPL&provider=simulated&interval=1m"
                + "&from=2024-03-20T10:00:00Z&to=2024-03-20T11:00:00Z&limit=1");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString())
        .isEqualTo(
            "{\"symbol\":\"AAPL\",\"provider\":\"simulated\",\"interval\":\"1m\",\"bars\":[{"
                + "\"start\":\"2024-03-20T10:29:00Z\",\"end\":\"2024-03-20T10:30:00Z\","
                + "\"open\":150.10,\"high\":150.40,\"low\":149.95,\"close\":150.25,"
                + "\"count\":60,\"complete\":false}],\"next_cursor\":\""
                + next.encode()
                + "\"}");
    ArgumentCaptor<BarRequest> request = ArgumentCaptor.forClass(BarRequest.class);
    verify(api.bars).bars(request.capture());
    assertThat(request.getValue())
        .isEqualTo(
            new BarRequest(
                Symbol.of("AAPL"),
                ProviderId.SIMULATED,
                BarInterval.ONE_MINUTE,
                Optional.of(Instant.parse("2024-03-20T10:00:00Z")),
                Optional.of(Instant.parse("2024-03-20T11:00:00Z")),
                1,
                Optional.empty()));
  }

  @Test
  void givenNoOptionalParameters_bars_passesTheDefaults() {
    when(api.bars.bars(any())).thenReturn(CompletableFuture.completedFuture(BarPage.empty()));

    HttpResponse<Buffer> r = api.get("/prices/bars?symbol=AAPL&interval=1d");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("bars").size()).isZero();
    assertThat(json(r).get("next_cursor").isNull()).isTrue();
    ArgumentCaptor<BarRequest> request = ArgumentCaptor.forClass(BarRequest.class);
    verify(api.bars).bars(request.capture());
    assertThat(request.getValue().provider()).isEqualTo(ProviderId.FINNHUB); // the default
    assertThat(request.getValue().limit()).isEqualTo(500);
    assertThat(request.getValue().from()).isEmpty();
    assertThat(request.getValue().to()).isEmpty();
  }

  @Test
  void givenInvalidParameters_bars_is400NamingTheField() {
    String base = "/prices/bars?symbol=AAPL&interval=1m";
    String cursor1h = new BarCursor(BarInterval.ONE_HOUR, Instant.EPOCH).encode();
    String[][] cases = {
      {"/prices/bars?symbol=AAPL", "interval"},
      {"/prices/bars?symbol=AAPL&interval=2m", "interval"},
      {"/prices/bars?symbol=AAPL&interval=", "interval"},
      {"/prices/bars?interval=1m", "symbol"},
      {"/prices/bars?symbol=a%20b&interval=1m", "symbol"},
      {base + "&provider=NOT%20A%20PROVIDER", "provider"},
      {base + "&from=yesterday", "from"},
      {base + "&to=2024-13-01T00:00:00Z", "to"},
      {base + "&from=2024-03-20T11:00:00Z&to=2024-03-20T10:00:00Z", "from"},
      {base + "&from=2024-03-20T10:00:00Z&to=2024-03-20T10:00:00Z", "from"},
      {base + "&limit=0", "limit"},
      {base + "&limit=5001", "limit"},
      {base + "&limit=ten", "limit"},
      {base + "&cursor=not-ours", "cursor"},
      {base + "&cursor=" + cursor1h, "cursor"},
      {base + "&intervall=1m", "intervall"},
    };
    for (String[] c : cases) {
      HttpResponse<Buffer> r = api.get(c[0]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(r.getHeader("Content-Type")).as(c[0]).isEqualTo("application/problem+json");
      assertThat(json(r).get("field").asText()).as(c[0]).isEqualTo(c[1]);
    }
    verify(api.bars, never()).bars(any());
  }

  @Test
  void theLargestLimit_isAccepted() {
    when(api.bars.bars(any())).thenReturn(CompletableFuture.completedFuture(BarPage.empty()));
    assertThat(api.get("/prices/bars?symbol=AAPL&interval=5m&limit=5000").statusCode())
        .isEqualTo(200);
  }
}
