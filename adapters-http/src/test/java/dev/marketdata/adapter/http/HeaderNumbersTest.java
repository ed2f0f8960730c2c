package dev.marketdata.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderNumbersTest {
  private final HeaderNumbers numbers = new HeaderNumbers();

  @Test
  void givenSmallAndLargeNumbers_of_writesThemInDecimal() {
    assertThat(numbers.of(0).toString()).isEqualTo("0");
    assertThat(numbers.of(HeaderNumbers.SMALL - 1).toString()).isEqualTo("1023");
    assertThat(numbers.of(HeaderNumbers.SMALL).toString()).isEqualTo("1024");
    assertThat(numbers.of(999_999).toString()).isEqualTo("999999");
    assertThat(numbers.of(-1).toString()).isEqualTo("-1");
  }

  @Test
  void givenTheSameLargeNumberTwice_of_reusesTheEncodedValue() {
    CharSequence first = numbers.of(999_999);

    assertThat(numbers.of(999_999)).isSameAs(first);
    assertThat(numbers.of(999_998).toString()).isEqualTo("999998");
  }

  @Test
  void givenASmallNumber_of_isSharedByEveryInstance() {
    assertThat(numbers.of(42)).isSameAs(new HeaderNumbers().of(42));
  }
}
