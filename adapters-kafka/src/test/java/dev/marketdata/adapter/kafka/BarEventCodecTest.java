package dev.marketdata.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.Bar;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BarEventCodecTest {
  @Test
  void givenABar_encode_writesTheApiBarAfterItsSeriesWithExactPrices() {
    Bar bar =
        new Bar(
            Symbol.of("AAPL"),
            ProviderId.SIMULATED,
            BarInterval.ONE_DAY,
            Instant.parse("2026-03-08T05:00:00Z"),
            Instant.parse("2026-03-09T04:00:00Z"),
            new BigDecimal("150.10"),
            new BigDecimal("151.0000000001"),
            new BigDecimal("0.00000001"),
            new BigDecimal("150.25"),
            23_400,
            true);

    String json = new String(new BarEventCodec().encode(bar), StandardCharsets.UTF_8);

    assertThat(json)
        .isEqualTo(
            "{\"symbol\":\"AAPL\",\"provider\":\"simulated\",\"interval\":\"1d\","
                + "\"start\":\"2026-03-08T05:00:00Z\",\"end\":\"2026-03-09T04:00:00Z\","
                + "\"open\":150.10,\"high\":151.0000000001,\"low\":0.00000001,\"close\":150.25,"
                + "\"count\":23400,\"complete\":true,\"source\":\"prices\"}");
  }
}
