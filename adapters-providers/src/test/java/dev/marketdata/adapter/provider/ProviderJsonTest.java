package dev.marketdata.adapter.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marketdata.domain.failure.ProviderUnavailable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderJsonTest {

  private static BigDecimal price(String json) {
    JsonNode body = ProviderJson.object("yahoo", json.getBytes(StandardCharsets.UTF_8));
    return ProviderJson.price("yahoo", body.get("p"), "p");
  }

  @Test
  void givenADoublesNoise_price_isRoundedHalfEvenToTenDecimals() {
    assertThat(price("{\"p\":1.0845986604690552}")).isEqualByComparingTo("1.0845986605");
    assertThat(price("{\"p\":166.69000244140625}")).isEqualByComparingTo("166.6900024414");
    assertThat(price("{\"p\":1.0845986604690552}").scale()).isEqualTo(10);
  }

  @Test
  void givenCleanNumbers_price_isExactlyAsWritten() {
    assertThat(price("{\"p\":261.74}")).isEqualTo(new BigDecimal("261.74"));
    assertThat(price("{\"p\":220.0030}")).isEqualTo(new BigDecimal("220.0030"));
    assertThat(price("{\"p\":312}")).isEqualTo(new BigDecimal("312"));
  }

  @Test
  void givenTextWithNoise_price_isRefused_becauseTextIsNotADouble() {
    assertThatThrownBy(() -> price("{\"p\":\"1.0845986604690552\"}"))
        .isInstanceOf(ProviderUnavailable.class);
  }

  @Test
  void givenWhatNoDoubleLooksLike_price_isRefusedAtOnce() {
    for (String hostile :
        new String[] {"1e-999999999", "1e-12", "0.000000000001", "-1.5", "1e999999999", "0.0"}) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> price("{\"p\":" + hostile + "}"))
          .as(hostile)
          .isInstanceOf(ProviderUnavailable.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as(hostile)
          .isLessThan(Duration.ofSeconds(1));
    }
  }
}
