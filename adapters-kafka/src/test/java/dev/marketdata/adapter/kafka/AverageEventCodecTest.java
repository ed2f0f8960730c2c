package dev.marketdata.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AverageEventCodecTest {
  @Test
  void givenAnAverage_encode_writesTheApiAverageJsonWithAnExactValue() {
    MovingAverage average =
        new MovingAverage(
            Symbol.of("AAPL"),
            ProviderId.FINNHUB,
            5,
            new BigDecimal("150.4083333333333333"),
            3,
            Instant.parse("2024-03-20T10:30:02.123456Z"));

    String json = new String(new AverageEventCodec().encode(average), StandardCharsets.UTF_8);

    assertThat(json)
        .isEqualTo(
            "{\"symbol\":\"AAPL\",\"provider\":\"finnhub\",\"window_size\":5,"
                + "\"value\":150.4083333333333333,\"sample_count\":3,"
                + "\"timestamp\":\"2024-03-20T10:30:02.123456Z\"}");
  }

  @Test
  void givenATinyValue_encode_writesItPlainNotInExponentForm() {
    MovingAverage average =
        new MovingAverage(
            Symbol.of("PENNY"),
            ProviderId.FINNHUB,
            1,
            new BigDecimal("1E-7"),
            1,
            Instant.parse("2024-03-20T10:30:00Z"));

    String json = new String(new AverageEventCodec().encode(average), StandardCharsets.UTF_8);

    assertThat(json).contains("\"value\":0.0000001,");
  }
}
