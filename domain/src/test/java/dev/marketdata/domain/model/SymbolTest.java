package dev.marketdata.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SymbolTest {
  @ParameterizedTest
  @ValueSource(strings = {"AAPL", "BRK.B", "BTC-USD", "^GSPC", "EURUSD=X", "TSX:RY", "A"})
  void givenValidTicker_symbol_keepsIt(String raw) {
    assertThat(Symbol.of(raw).value()).isEqualTo(raw);
  }

  @ParameterizedTest
  @ValueSource(strings = {"  aapl ", "aapl", "Aapl\t"})
  void givenLowerCaseOrPadded_symbol_isTrimmedAndUpperCased(String raw) {
    assertThat(Symbol.of(raw).value()).isEqualTo("AAPL");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "AAPL;DROP TABLE",
        "A B",
        "ÄPPLE",
        "AAPL\u0000",
        "ABCDEFGHIJKLMNOPQRSTU",
        "A_B",
        "A/B",
        "A+B",
        "' OR 1=1 --",
        "😀"
      })
  void givenBadTicker_symbol_failsNamingTheFieldAndValue(String raw) {
    assertThatThrownBy(() -> Symbol.of(raw))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("symbol ")
        .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo("symbol"));
  }

  @org.junit.jupiter.api.Test
  void givenNull_symbol_saysItIsRequired() {
    assertThatThrownBy(() -> Symbol.of(null)).hasMessageContaining("symbol is required");
  }
}
