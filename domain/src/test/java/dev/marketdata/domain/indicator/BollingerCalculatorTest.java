package dev.marketdata.domain.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BollingerCalculatorTest {
  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  @Test
  void givenTheTextbookEight_bollinger8_isMean5PlusMinusTwiceDeviation2() {
    // Mean 5, squared deviations 9,1,1,1,0,0,4,16 sum to 32, population variance 4, deviation 2.
    List<Optional<BollingerValue>> values =
        Series.feed(new BollingerCalculator(8), Series.of("2", "4", "4", "4", "5", "5", "7", "9"));

    assertThat(values.subList(0, 7)).allMatch(Optional::isEmpty);
    assertThat(values.get(7))
        .contains(new BollingerValue(d("5.00000000"), d("9.00000000"), d("1.00000000")));
  }

  @Test
  void givenPeriod3_bollinger_rollsAndUsesThePopulationDeviation() {
    // (1, 2, 3): mean 2, variance 2/3, 2·√(2/3) = 1.6329931618…; (2, 3, 4): the same shifted by 1.
    List<Optional<BollingerValue>> values =
        Series.feed(new BollingerCalculator(3), Series.of("1", "2", "3", "4"));

    assertThat(values.get(2))
        .contains(new BollingerValue(d("2.00000000"), d("3.63299316"), d("0.36700684")));
    assertThat(values.get(3))
        .contains(new BollingerValue(d("3.00000000"), d("4.63299316"), d("1.36700684")));
  }

  @Test
  void givenK1_5_bands_areOneAndAHalfDeviations() {
    List<Optional<BollingerValue>> values =
        Series.feed(new BollingerCalculator(2, d("1.5")), Series.of("10", "14"));
    // Mean 12, deviation 2.
    assertThat(values.get(1))
        .contains(new BollingerValue(d("12.00000000"), d("15.00000000"), d("9.00000000")));
  }

  @Test
  void nameParamsAndValuesNeeded_areWhatTheApiAnswersWith() {
    BollingerCalculator bollinger = new BollingerCalculator(BollingerCalculator.DEFAULT_PERIOD);
    assertThat(bollinger.name()).isEqualTo("bollinger");
    assertThat(bollinger.params())
        .containsExactly(Map.entry("period", 20), Map.entry("k", BigDecimal.valueOf(2)));
    assertThat(bollinger.valuesNeeded()).isEqualTo(20);
  }

  @Test
  void givenBadParameters_constructor_failsNamingTheParameter() {
    assertThatThrownBy(() -> new BollingerCalculator(0))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("period");
    assertThatThrownBy(() -> new BollingerCalculator(20, d("0")))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("k");
    assertThatThrownBy(() -> new BollingerCalculator(20, null))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("k");
    assertThatThrownBy(() -> new BollingerCalculator(20).add(null))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("price");
  }
}
