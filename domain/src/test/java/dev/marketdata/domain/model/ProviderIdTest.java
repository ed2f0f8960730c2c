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
}
