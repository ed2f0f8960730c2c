package dev.marketdata.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void givenNestingDeeperThanTheLimit_read_failsAsMalformed() {
    byte[] deep = ("[".repeat(21) + "]".repeat(21)).getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Json.read(deep, JsonNode.class))
        .isInstanceOf(HttpProblem.class)
        .hasMessageContaining("nesting depth 20");
  }

  @Test
  void givenNestingAtTheLimit_read_succeeds() {
    byte[] ok = ("[".repeat(20) + "]".repeat(20)).getBytes(StandardCharsets.UTF_8);

    assertThat(Json.read(ok, JsonNode.class).isArray()).isTrue();
  }

  @Test
  void givenAHugeNumber_read_failsAsMalformed() {
    byte[] huge = ("[" + "9".repeat(101) + "]").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Json.read(huge, JsonNode.class))
        .isInstanceOf(HttpProblem.class)
        .extracting(e -> ((HttpProblem) e).status())
        .isEqualTo(400);
  }

  @Test
  void givenABigDecimal_write_keepsItPlainAndExact() {
    String text =
        new String(Json.write(Map.of("price", new BigDecimal("1E+3"))), StandardCharsets.UTF_8);

    assertThat(text).isEqualTo("{\"price\":1000}");
  }
}
