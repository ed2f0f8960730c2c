package dev.marketdata.domain.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.average.MovingAverageCalculator;
import dev.marketdata.domain.failure.InvalidInput;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SmaCalculatorTest {

  @Test
  void givenFivePrices_sma3_isEmptyTwiceThenTheMeanOfTheLastThree() {
    List<Optional<BigDecimal>> values =
        Series.feed(new SmaCalculator(3), Series.of("1", "2", "3", "4", "9"));

    assertThat(values)
        .containsExactly(
            Optional.empty(),
            Optional.empty(),
            Optional.of(new BigDecimal("2.00000000")),
            Optional.of(new BigDecimal("3.00000000")),
            Optional.of(new BigDecimal("5.33333333")));
  }

  @Test
  void givenRepeatingDecimal_sma_roundsHalfEvenAtTheStatedScale() {
    assertThat(Series.feed(new SmaCalculator(2, 2), Series.of("0.12", "0.13")).get(1))
        .contains(new BigDecimal("0.12"));
    assertThat(Series.feed(new SmaCalculator(2, 2), Series.of("0.13", "0.14")).get(1))
        .contains(new BigDecimal("0.14"));
  }

  @Test
  void anySeries_sma_isTheServicesMovingAverageOnceFull() {
    Random random = new Random(17);
    List<BigDecimal> prices = Series.randomWalk(random, 200);
    SmaCalculator sma = new SmaCalculator(20);
    MovingAverageCalculator.Rolling average = MovingAverageCalculator.ofWindow(20).rolling();
    for (BigDecimal price : prices) {
      MovingAverageCalculator.Result expected = average.add(price);
      assertThat(sma.add(price))
          .isEqualTo(expected.full() ? Optional.of(expected.value()) : Optional.empty());
    }
  }

  @Test
  void nameParamsAndValuesNeeded_areWhatTheApiAnswersWith() {
    SmaCalculator sma = new SmaCalculator(20);
    assertThat(sma.name()).isEqualTo("sma");
    assertThat(sma.params()).containsExactly(java.util.Map.entry("period", 20));
    assertThat(sma.valuesNeeded()).isEqualTo(20);
  }

  @Test
  void givenBadParameters_constructor_failsNamingTheParameter() {
    assertThatThrownBy(() -> new SmaCalculator(0))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("period");
    assertThatThrownBy(() -> new SmaCalculator(IndicatorCalculator.MAX_PERIOD + 1))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("period");
    assertThatThrownBy(() -> new SmaCalculator(5, -1))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("scale");
  }

  @Test
  void givenNullPrice_add_failsNamingPrice() {
    assertThatThrownBy(() -> new SmaCalculator(3).add(null))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("price");
  }
}
