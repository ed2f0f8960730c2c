package dev.marketdata.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import org.junit.jupiter.api.Test;

class ProviderIdTest {
  @Test
  void givenMixedCase_providerId_isLowerCased() {
    assertThat(ProviderId.of(" Finnhub ")).isEqualTo(ProviderId.FINNHUB);
    assertThat(ProviderId.of("ALPHA_VANTAGE")).isEqualTo(ProviderId.ALPHA_VANTAGE);
  }

  @Test
  void givenPunctuation_providerId_failsNamingProvider() {
    assertThatThrownBy(() -> ProviderId.of("finn-hub; drop"))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("provider")
        .hasMessageContaining("finn-hub; drop");
  }

  @Test
  void givenNamesAtTheEdgesOfTheRule_providerId_acceptsExactlyTheValidOnes() {
    assertThat(ProviderId.of("a").value()).isEqualTo("a");
    assertThat(ProviderId.of("a" + "b_9".repeat(10) + "c").value()).hasSize(32);
    for (String bad : new String[] {"", "9lives", "_x", "a" + "b".repeat(32), "fïnnhub", "a.b"}) {
      assertThatThrownBy(() -> ProviderId.of(bad))
          .as(bad)
          .isInstanceOf(InvalidInput.class)
          .hasMessageContaining("provider");
    }
  }
}
