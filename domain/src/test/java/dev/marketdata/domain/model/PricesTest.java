package dev.marketdata.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PricesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "150.25",
        "0.00012345",
        "100.5000000000",
        "0.0000000001",
        "123456789.123456789",
        "1000000000000",
        "1.5E+2",
        "1"
      })
  void givenAUsablePrice_parse_keepsItExactlyAsWritten(String text) {
    assertThat(Prices.parse("price", text)).isEqualTo(new BigDecimal(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-1e999999999",
        "1e999999999",
        "1e-999999999",
        "0.00000000001",
        "100.50000000000",
        "1234567890.1234567891",
        "1000000000000.1",
        "0",
        "0.000",
        "-5.25",
        "NaN",
        "Infinity",
        "-Infinity",
        "1e99999999999",
        "12abc",
        ""
      })
  void givenAnUnusablePrice_parse_failsNamingTheField(String text) {
    assertThatThrownBy(() -> Prices.parse("price", text))
        .isInstanceOf(InvalidInput.class)
        .extracting(e -> ((InvalidInput) e).field())
        .isEqualTo("price");
  }

  @Test
  @Timeout(5)
  void givenHugeExponents_require_failsFast_andShowsOnlyAShortPrefix() {
    // toPlainString() of either would be a billion characters: 10 s and 2.5 GB in production.
    for (String text : new String[] {"-1e999999999", "1e-999999999", "1e999999999"}) {
      BigDecimal value = new BigDecimal(text);
      assertThatThrownBy(() -> Prices.require("price", value))
          .isInstanceOf(InvalidInput.class)
          .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(120))
          .satisfies(e -> assertThat(((InvalidInput) e).rejectedValue()).hasSizeLessThan(40));
    }
  }

  @Test
  void givenTooManyDigits_require_namesTheDigitBound() {
    assertThatThrownBy(() -> Prices.require("c", new BigDecimal("1234567890.123456789")))
        .hasMessageContaining("c must have at most 18 significant digits");
  }

  @Test
  void givenTooManyDecimals_require_namesTheScaleBound() {
    assertThatThrownBy(() -> Prices.require("c", new BigDecimal("0.00000000001")))
        .hasMessageContaining("c must have at most 10 decimals");
  }

  @Test
  void givenALongText_parse_showsAShortPrefixOnly() {
    String text = "1".repeat(100_000);
    assertThatThrownBy(() -> Prices.parse("price", text))
        .isInstanceOf(InvalidInput.class)
        .satisfies(e -> assertThat(((InvalidInput) e).rejectedValue()).hasSize(33))
        .hasMessageContaining("at most 64 characters");
  }

  @Test
  void givenALongDecimal_show_cutsItAfter32Characters() {
    assertThat(Prices.show(new BigDecimal("1." + "2".repeat(50)))).hasSize(33).endsWith("…");
    assertThat(Prices.show(new BigDecimal("-1e999999999"))).isEqualTo("-1E+999999999");
  }
}
