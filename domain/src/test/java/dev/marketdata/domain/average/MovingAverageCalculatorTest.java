package dev.marketdata.domain.average;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MovingAverageCalculatorTest {
  private static List<BigDecimal> prices(String... values) {
    return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
  }

  @Test
  void givenTheSpecExample_average_isExactly100() {
    BigDecimal avg = MovingAverageCalculator.averageOf(prices("100", "101", "99", "102", "98"));
    assertThat(avg).isEqualByComparingTo("100");
  }

  @Test
  void givenMoreThanN_average_usesTheLastN() {
    MovingAverageCalculator.Result r =
        MovingAverageCalculator.ofWindow(5).average(prices("1000", "1", "2", "3", "4", "5"));
    assertThat(r.value()).isEqualByComparingTo("3");
    assertThat(r.full()).isTrue();
  }

  @Test
  void givenFewerThanN_average_isPartialAndSaysSo() {
    MovingAverageCalculator.Result r =
        MovingAverageCalculator.ofWindow(5).average(prices("10", "20"));
    assertThat(r.value()).isEqualByComparingTo("15");
    assertThat(r.sampleCount()).isEqualTo(2);
    assertThat(r.full()).isFalse();
  }

  @Test
  void givenRepeatingDecimal_average_roundsHalfEvenAtTheStatedScale() {
    MovingAverageCalculator calc = new MovingAverageCalculator(3, 2);
    assertThat(calc.average(prices("1", "1", "2")).value()).isEqualTo(new BigDecimal("1.33"));
    // 0.125 rounds to the even neighbour 0.12, 0.135 to 0.14.
    assertThat(new MovingAverageCalculator(2, 2).average(prices("0.12", "0.13")).value())
        .isEqualTo(new BigDecimal("0.12"));
    assertThat(new MovingAverageCalculator(2, 2).average(prices("0.13", "0.14")).value())
        .isEqualTo(new BigDecimal("0.14"));
  }

  @Test
  void givenTinyPrices_average_keepsEveryDigit() {
    BigDecimal avg =
        MovingAverageCalculator.ofWindow(2).average(prices("0.00012345", "0.00012347")).value();
    assertThat(avg).isEqualTo(new BigDecimal("0.00012346"));
  }

  @Test
  void windowOfOne_averageIsTheLastPrice() {
    assertThat(MovingAverageCalculator.ofWindow(1).average(prices("5", "7")).value())
        .isEqualByComparingTo("7");
  }

  @Test
  void givenWindowBelowOne_calculator_failsNamingWindow() {
    assertThatThrownBy(() -> MovingAverageCalculator.ofWindow(0))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("window");
  }

  @Test
  void givenNoPrices_average_fails() {
    assertThatThrownBy(() -> MovingAverageCalculator.ofWindow(5).average(List.of()))
        .isInstanceOf(InvalidInput.class);
  }

  @Test
  void rollingWindow_agreesWithTheStaticFormAtEveryStep() {
    Random random = new Random(42);
    for (int window : new int[] {1, 2, 5, 20}) {
      MovingAverageCalculator calc = MovingAverageCalculator.ofWindow(window);
      MovingAverageCalculator.Rolling rolling = calc.rolling();
      List<BigDecimal> seen = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        BigDecimal price = BigDecimal.valueOf(1 + random.nextInt(1_000_000), 4);
        seen.add(price);
        MovingAverageCalculator.Result r = rolling.add(price);
        assertThat(r).isEqualTo(calc.average(seen));
      }
    }
  }

  @Test
  void rollingWindow_beforeAnyPrice_hasNoAverage() {
    assertThatThrownBy(() -> MovingAverageCalculator.ofWindow(5).rolling().current())
        .isInstanceOf(IllegalStateException.class);
  }
}
