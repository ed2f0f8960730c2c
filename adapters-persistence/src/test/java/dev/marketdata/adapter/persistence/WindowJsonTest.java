package dev.marketdata.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WindowJsonTest {
  @Test
  void givenEntries_windowJson_isJsonThatReadsBackToTheSameValues() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    List<PriceEvent> entries =
        List.of(
            new PriceEvent(
                Symbol.of("BRK.B"),
                new BigDecimal("0.00012340"),
                Instant.parse("2024-03-20T10:30:00.123456Z"),
                ProviderId.FINNHUB,
                first),
            new PriceEvent(
                Symbol.of("BRK.B"),
                new BigDecimal("1E+3"),
                Instant.parse("2024-03-20T10:30:01Z"),
                ProviderId.FINNHUB,
                second));

    JsonArray parsed = new JsonArray(WindowJson.encode(entries));

    assertThat(parsed).hasSize(2);
    JsonObject a = parsed.getJsonObject(0);
    assertThat(a.fieldNames()).containsExactlyInAnyOrder("raw_response_id", "price", "timestamp");
    assertThat(a.getString("raw_response_id")).isEqualTo(first.toString());
    assertThat(new BigDecimal(a.getString("price"))).isEqualTo(new BigDecimal("0.00012340"));
    assertThat(Instant.parse(a.getString("timestamp")))
        .isEqualTo(Instant.parse("2024-03-20T10:30:00.123456Z"));
    assertThat(new BigDecimal(parsed.getJsonObject(1).getString("price")))
        .isEqualTo(new BigDecimal("1E+3"));
    assertThat(WindowJson.encode(List.of())).isEqualTo("[]");
  }
}
