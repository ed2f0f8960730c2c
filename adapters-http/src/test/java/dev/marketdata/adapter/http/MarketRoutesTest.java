package dev.marketdata.adapter.http;

import static dev.marketdata.adapter.http.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marketdata.application.market.GetMarketStatusService;
import dev.marketdata.domain.market.Exchange;
import dev.marketdata.domain.market.TradingCalendar;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /market/status} on a real server over the real calendar, at a fixed clock. */
@ExtendWith(VertxExtension.class)
class MarketRoutesTest {
  // Wednesday 2026-11-25, 15:00 in New York: the regular session before Thanksgiving.
  static final Instant NOW = Instant.parse("2026-11-25T20:00:00Z");

  ApiHarness api;

  @BeforeEach
  void start(Vertx vertx) {
    api = new ApiHarness(vertx).start();
    GetMarketStatusService service =
        new GetMarketStatusService(TradingCalendar.usEquities(), Clock.fixed(NOW, ZoneOffset.UTC));
    when(api.marketStatus.status(any(), any()))
        .thenAnswer(
            inv -> service.status(inv.getArgument(0), inv.<Optional<Instant>>getArgument(1)));
  }

  @Test
  void givenNoParameters_status_isXnysNowUncached() {
    HttpResponse<Buffer> r = api.get("/market/status");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(r.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(json(r))
        .isEqualTo(
            json(
                """
                {"exchange":"XNYS","is_open":true,"session":"regular","reason":null,
                 "next_open":"2026-11-27T14:30:00Z","next_close":"2026-11-25T21:00:00Z",
                 "as_of":"2026-11-25T20:00:00Z"}
                """));
  }

  @Test
  void givenHolidayAt_status_namesTheHolidayAndTheEarlyCloseAfterIt() {
    HttpResponse<Buffer> r = api.get("/market/status?exchange=XNAS&at=2026-11-26T15:00:00Z");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Cache-Control")).isEqualTo(MarketRoutes.CACHE_AT);
    assertThat(json(r))
        .isEqualTo(
            json(
                """
                {"exchange":"XNAS","is_open":false,"session":"closed","reason":"Thanksgiving Day",
                 "next_open":"2026-11-27T14:30:00Z","next_close":"2026-11-27T18:00:00Z",
                 "as_of":"2026-11-26T15:00:00Z"}
                """));
  }

  @Test
  void givenLastSessionOfTheTable_nextOpenAndClose_areJsonNull() {
    JsonNode body = json(api.get("/market/status?at=2027-12-31T22:00:00Z"));
    assertThat(body.get("session").asText()).isEqualTo("post");
    assertThat(body.get("next_open").isNull()).isTrue();
    assertThat(body.get("next_close").isNull()).isTrue();
  }

  @Test
  void givenAtOutsideTheCalendar_status_is422NamingAtAndTheCoveredRange() {
    HttpResponse<Buffer> r = api.get("/market/status?at=2028-06-01T15:00:00Z");
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonNode body = json(r);
    assertThat(body.get("type").asText()).isEqualTo("urn:marketdata:problem:calendar-unknown");
    assertThat(body.get("field").asText()).isEqualTo("at");
    assertThat(body.get("covered_from").asText()).isEqualTo("2025-01-01");
    assertThat(body.get("covered_to").asText()).isEqualTo("2027-12-31");
    assertThat(body.get("detail").asText()).contains("2025-01-01").contains("2027-12-31");
  }

  @Test
  void givenBadParameters_status_is400NamingTheField() {
    String[][] cases = {
      {"/market/status?exchange=XLON", "exchange"},
      {"/market/status?at=yesterday", "at"},
      {"/market/status?at=2026-11-25", "at"},
      {"/market/status?exchnage=XNYS", "exchnage"},
      {"/market/status?exchange=XNYS&exchange=XNAS", "exchange"},
    };
    for (String[] c : cases) {
      HttpResponse<Buffer> r = api.get(c[0]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(json(r).get("field").asText()).as(c[0]).isEqualTo(c[1]);
    }
    verify(api.marketStatus, never()).status(any(), any());
  }

  @Test
  void givenLowerCaseExchange_status_acceptsIt() {
    JsonNode body = json(api.get("/market/status?exchange=xnas"));
    assertThat(body.get("exchange").asText()).isEqualTo(Exchange.XNAS.name());
  }
}
