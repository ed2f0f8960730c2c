package dev.marketdata.domain.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RsiCalculatorTest {

  @Test
  void givenPeriod3_rsi_startsFromTheMeansOfTheFirstThreeChangesThenSmoothsWilderStyle() {
    // Changes +1, −1, +2, 0, −3. First averages: gain (1+0+2)/3 = 1, loss (0+1+0)/3 = 1/3,
    // RSI = 100 − 100/(1 + 3) = 75. Then gain (1·2 + 0)/3 = 2/3, loss (1/3·2 + 0)/3 = 2/9: 75.
    // Then gain (2/3·2 + 0)/3 = 4/9, loss (2/9·2 + 3)/3 = 31/27: RS = 12/31, RSI = 1200/43.
    List<Optional<BigDecimal>> values =
        Series.feed(new RsiCalculator(3), Series.of("10", "11", "10", "12", "12", "9"));

    assertThat(values)
        .containsExactly(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(new BigDecimal("75.00000000")),
            Optional.of(new BigDecimal("75.00000000")),
            Optional.of(new BigDecimal("27.90697674")));
  }

  @Test
  void givenNoLoss_rsi_is100_andGivenNoGain_is0() {
    assertThat(Series.feed(new RsiCalculator(2), Series.of("1", "2", "2", "3")).get(3))
        .contains(new BigDecimal("100.00000000"));
    assertThat(Series.feed(new RsiCalculator(2), Series.of("3", "2", "2", "1")).get(3))
        .contains(new BigDecimal("0E-8"));
  }

  @Test
  void givenNoChangeAtAll_rsi_is100AsTheDefinitionSaysWhenLossIs0() {
    assertThat(Series.feed(new RsiCalculator(3), Series.of("5", "5", "5", "5", "5")))
        .endsWith(Optional.of(new BigDecimal("100.00000000")));
  }

  @Test
  void givenAMoveThenFlat_rsi_keepsTheMoveAsWilderNeverForgetsIt() {
    // After a loss, flat prices shrink both averages alike: the ratio, so the RSI, stays 0.
    assertThat(Series.feed(new RsiCalculator(2), Series.of("5", "4", "4", "4", "4", "4")))
        .endsWith(Optional.of(new BigDecimal("0E-8")));
  }

  @Test
  void nameParamsAndValuesNeeded_needOneMorePriceThanThePeriod() {
    RsiCalculator rsi = new RsiCalculator(RsiCalculator.DEFAULT_PERIOD);
    assertThat(rsi.name()).isEqualTo("rsi");
    assertThat(rsi.params()).containsExactly(Map.entry("period", 14));
    assertThat(rsi.valuesNeeded()).isEqualTo(15);
  }

  @Test
  void givenBadParameters_constructor_failsNamingTheParameter() {
    assertThatThrownBy(() -> new RsiCalculator(0))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("period");
    assertThatThrownBy(() -> new RsiCalculator(3).add(null))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("price");
  }
}
