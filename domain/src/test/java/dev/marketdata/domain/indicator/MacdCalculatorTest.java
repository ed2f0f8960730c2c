package dev.marketdata.domain.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MacdCalculatorTest {
  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  @Test
  void givenFast2Slow3Signal2_macd_isTheEmaDifferenceWithItsOwnEma() {
    // EMA2 (α 2/3): –, 1.5, 2.5, 3.5, 3.5 + 2/3·2.5 = 5.1666…; EMA3 (α 1/2): –, –, 2, 3, 4.5.
    // Line: 0.5, 0.5, 0.6666…; signal EMA2 of the line: seed (0.5 + 0.5)/2 = 0.5, then
    // 0.5 + 2/3·(0.6666… − 0.5) = 0.6111…; histogram 0, then 0.0555…
    MacdCalculator macd = new MacdCalculator(2, 3, 2);
    List<Optional<MacdValue>> values = Series.feed(macd, Series.of("1", "2", "3", "4", "6"));

    assertThat(values)
        .containsExactly(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(new MacdValue(d("0.50000000"), d("0.50000000"), d("0E-8"))),
            Optional.of(new MacdValue(d("0.66666667"), d("0.61111111"), d("0.05555556"))));
  }

  @Test
  void theLineAlone_isThereFromTheSlowthPrice() {
    MacdCalculator macd = new MacdCalculator(2, 3, 2);
    macd.add(d("1"));
    macd.add(d("2"));
    assertThat(macd.line()).isEmpty();

    assertThat(macd.add(d("3"))).isEmpty();
    assertThat(macd.line()).contains(d("0.50000000"));
    assertThat(macd.lineValuesNeeded()).isEqualTo(3);
  }

  @Test
  void standard_is12_26_9_andNeeds34Prices() {
    MacdCalculator macd = MacdCalculator.standard();
    assertThat(macd.name()).isEqualTo("macd");
    assertThat(macd.params())
        .containsExactly(Map.entry("fast", 12), Map.entry("slow", 26), Map.entry("signal", 9));
    assertThat(macd.valuesNeeded()).isEqualTo(34);
    List<Optional<MacdValue>> values = Series.feed(macd, Series.of(rising(34)));
    assertThat(values.subList(0, 33)).allMatch(Optional::isEmpty);
    assertThat(values.get(33)).isPresent();
  }

  @Test
  void givenBadParameters_constructor_failsNamingTheParameter() {
    assertThatThrownBy(() -> new MacdCalculator(0, 26, 9))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("fast");
    assertThatThrownBy(() -> new MacdCalculator(12, 12, 9))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("slow");
    assertThatThrownBy(() -> new MacdCalculator(12, 26, 0))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("signal");
    assertThatThrownBy(() -> MacdCalculator.standard().add(null))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("price");
  }

  private static String[] rising(int count) {
    String[] prices = new String[count];
    for (int i = 0; i < count; i++) {
      prices[i] = String.valueOf(100 + i);
    }
    return prices;
  }
}
