package dev.marketdata.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderChainTest {
  @Test
  void givenCommaList_parse_keepsOrderAndNormalises() {
    ProviderChain chain = ProviderChain.parse("provider", " Finnhub , yahoo");

    assertThat(chain.providers()).containsExactly(ProviderId.FINNHUB, ProviderId.YAHOO);
    assertThat(chain.first()).isEqualTo(ProviderId.FINNHUB);
    assertThat(chain.single()).isFalse();
    assertThat(chain.wire()).isEqualTo("finnhub,yahoo");
  }

  @Test
  void givenOneProvider_chain_isSingle() {
    assertThat(ProviderChain.of(ProviderId.YAHOO).single()).isTrue();
    assertThat(ProviderChain.parse("provider", "yahoo"))
        .isEqualTo(ProviderChain.of(ProviderId.YAHOO));
  }

  @Test
  void givenDuplicate_parse_failsNamingTheField() {
    assertThatThrownBy(() -> ProviderChain.parse("MDS_FALLBACK_PROVIDERS", "yahoo,finnhub,yahoo"))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("MDS_FALLBACK_PROVIDERS"))
        .hasMessageContaining("twice")
        .hasMessageContaining("yahoo,finnhub,yahoo");
  }

  @Test
  void givenEmptyEntryOrBlank_parse_failsNamingTheField() {
    for (String bad : new String[] {"", " ", "finnhub,", ",yahoo", "finnhub,,yahoo"}) {
      assertThatThrownBy(() -> ProviderChain.parse("provider", bad))
          .as(bad)
          .isInstanceOfSatisfying(
              InvalidInput.class, e -> assertThat(e.field()).isEqualTo("provider"));
    }
  }

  @Test
  void givenBadName_parse_failsNamingTheFieldAndValue() {
    assertThatThrownBy(() -> ProviderChain.parse("provider", "finnhub,ya hoo!"))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("provider"))
        .hasMessageContaining("finnhub,ya hoo!");
  }

  @Test
  void givenSixProviders_chain_isRefused() {
    assertThatThrownBy(() -> ProviderChain.parse("provider", "a,b,c,d,e,f"))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("at most 5");
  }

  @Test
  void givenEmptyList_constructor_isRefused() {
    assertThatThrownBy(() -> new ProviderChain(List.of())).isInstanceOf(InvalidInput.class);
  }

  @Test
  void startingWith_putsTheHeadFirstOnce() {
    ProviderChain chain = ProviderChain.parse("provider", "finnhub,yahoo");

    assertThat(chain.startingWith(ProviderId.ALPHA_VANTAGE).wire())
        .isEqualTo("alpha_vantage,finnhub,yahoo");
    assertThat(chain.startingWith(ProviderId.YAHOO)).isEqualTo(chain);
  }
}
