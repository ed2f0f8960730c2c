package dev.marketdata.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.price.ServedPrice;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import io.vertx.core.buffer.Buffer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EncodedPricesTest {
  private static final Instant AT = Instant.parse("2024-03-20T14:30:00Z");

  private final EncodedPrices encoded = new EncodedPrices();

  private static PricePoint point(String price) {
    return new PricePoint(
        Symbol.of("AAPL"),
        ProviderId.of("finnhub"),
        new BigDecimal(price),
        AT,
        AT,
        UUID.fromString("0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b"));
  }

  @Test
  void theSamePointServedAgain_reusesItsBody() {
    ServedPrice served = ServedPrice.direct(point("189.25"));

    Buffer first = encoded.body(served, false);

    assertThat(encoded.body(ServedPrice.direct(served.point()), false)).isSameAs(first);
    assertThat(first.toString())
        .isEqualTo(
            "{\"symbol\":\"AAPL\",\"price\":189.25,\"timestamp\":\"2024-03-20T14:30:00Z\","
                + "\"provider\":\"finnhub\",\"stale\":false,\"suspect\":false}");
  }

  @Test
  void aPointTurningStale_getsABodySayingSo() {
    ServedPrice served = ServedPrice.direct(point("189.25"));
    encoded.body(served, false);

    assertThat(encoded.body(served, true).toString()).contains("\"stale\":true");
    assertThat(encoded.body(served, false).toString()).contains("\"stale\":false");
  }

  @Test
  void aNewPointOrAFallback_getsItsOwnBody() {
    PricePoint before = point("189.25");
    encoded.body(ServedPrice.direct(before), false);

    assertThat(encoded.body(ServedPrice.direct(point("190.00")), false).toString())
        .contains("\"price\":190.00");
    assertThat(
            encoded
                .body(new ServedPrice(before, List.of(ProviderId.of("yahoo"))), false)
                .toString())
        .contains("\"fallback_from\":[\"yahoo\"]");
    assertThat(encoded.body(ServedPrice.direct(before), false).toString())
        .doesNotContain("fallback_from");
  }
}
