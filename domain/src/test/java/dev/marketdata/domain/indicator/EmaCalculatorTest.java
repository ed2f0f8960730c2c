package dev.marketdata.domain.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmaCalculatorTest {

  @Test
  void givenPeriod4_ema_isSeededWithTheSmaThenSmoothedWithAlphaTwoFifths() {
    // α = 2/5; seed = (10 + 11 + 12 + 13)/4 = 11.5; 11.5 + 0.4·(15 − 11.5) = 12.9;
    // 12.9 + 0.4·(10 − 12.9) = 11.74.
    List<Optional<BigDecimal>> values =
        Series.feed(new EmaCalculator(4), Series.of("10", "11", "12", "13", "15", "10"));

    assertThat(values)
        .containsExactly(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(new BigDecimal("11.50000000")),
            Optional.of(new BigDecimal("12.90000000")),
            Optional.of(new BigDecimal("11.74000000")));
  }

  @Test
  void givenPeriod5_ema_roundsTheThirdsHalfEven() {
    // α = 1/3; seed 3; 3 + (4 − 3)/3 = 3.333…; 3.333… + (5 − 3.333…)/3 = 3.888…
    List<Optional<BigDecimal>> values =
        Series.feed(new EmaCalculator(5), Series.of("1", "2", "3", "4", "5", "4", "5"));

    assertThat(values.get(4)).contains(new BigDecimal("3.00000000"));
    assertThat(values.get(5)).contains(new BigDecimal("3.33333333"));
    assertThat(values.get(6)).contains(new BigDecimal("3.88888889"));
  }

  @Test
  void periodOne_ema_isThePrice() {
    assertThat(Series.feed(new EmaCalculator(1), Series.of("7", "3.5")))
        .containsExactly(
            Optional.of(new BigDecimal("7.00000000")), Optional.of(new BigDecimal("3.50000000")));
  }

  @Test
  void nameParamsAndValuesNeeded_areWhatTheApiAnswersWith() {
    EmaCalculator ema = new EmaCalculator(EmaCalculator.DEFAULT_PERIOD);
    assertThat(ema.name()).isEqualTo("ema");
    assertThat(ema.params()).containsExactly(Map.entry("period", 20));
    assertThat(ema.valuesNeeded()).isEqualTo(20);
  }

  @Test
  void givenBadParameters_constructor_failsNamingTheParameter() {
    assertThatThrownBy(() -> new EmaCalculator(-3))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("period");
    assertThatThrownBy(() -> new EmaCalculator(3, 33))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("scale");
    assertThatThrownBy(() -> new EmaCalculator(3).add(null))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("price");
  }
}
