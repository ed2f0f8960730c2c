package dev.marketdata.domain.failure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.failure.ProviderUnavailable.Kind;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FallbackTest {
  @Test
  void givenProviderDownSlowOrBroken_fallback_isEligible() {
    for (Kind kind :
        new Kind[] {
          Kind.TIMEOUT, Kind.CONNECTION, Kind.SERVER_ERROR, Kind.BAD_RESPONSE, Kind.NOT_CONFIGURED
        }) {
      assertThat(Fallback.eligible(new ProviderUnavailable("finnhub", kind, "x", null)))
          .as(kind.name())
          .isTrue();
    }
  }

  @Test
  void givenThrottledOrAuthFailure_fallback_isEligible() {
    assertThat(
            Fallback.eligible(new ProviderThrottled("finnhub", Duration.ofSeconds(3), false, "")))
        .isTrue();
    assertThat(Fallback.eligible(ProviderThrottled.budgetSpent("finnhub", Duration.ZERO, "")))
        .isTrue();
    assertThat(Fallback.eligible(new ProviderAuthFailure("finnhub", "401"))).isTrue();
  }

  @Test
  void givenWrappedEligibleFailure_fallback_unwrapsIt() {
    assertThat(
            Fallback.eligible(
                new CompletionException(
                    new ProviderUnavailable("yahoo", Kind.TIMEOUT, "read timed out", null))))
        .isTrue();
  }

  @Test
  void givenRequestAtFault_fallback_isNotEligible() {
    assertThat(Fallback.eligible(new SymbolNotFound("NOPE", "finnhub"))).isFalse();
    assertThat(Fallback.eligible(new CompletionException(new SymbolNotFound("NOPE", "finnhub"))))
        .isFalse();
    assertThat(Fallback.eligible(new InvalidInput("symbol", "a b", "bad"))).isFalse();
    assertThat(Fallback.eligible(new ProviderUnavailable("yahoo", Kind.REJECTED, "400", null)))
        .isFalse();
    assertThat(Fallback.eligible(new UnservableRequest("interval", "too fast", null))).isFalse();
  }

  @Test
  void givenOurOwnStoreOrABug_fallback_isNotEligible() {
    assertThat(Fallback.eligible(new Overloaded("ingest queue", Duration.ofSeconds(1), "full")))
        .isFalse();
    assertThat(Fallback.eligible(new DependencyUnavailable("postgresql", "down", null))).isFalse();
    assertThat(Fallback.eligible(new IllegalStateException("bug"))).isFalse();
  }

  @Test
  void givenAChainThatAlreadyFellBack_fallback_isNotEligibleAgain() {
    FallbackExhausted exhausted =
        new FallbackExhausted(
            java.util.List.of(
                new ProviderUnavailable("finnhub", Kind.SERVER_ERROR, "503", null),
                new SymbolNotFound("NOPE", "yahoo")));

    assertThat(Fallback.eligible(exhausted)).isFalse();
    assertThat(exhausted.last()).isInstanceOf(SymbolNotFound.class);
    assertThat(exhausted.getMessage()).contains("finnhub").contains("yahoo");
  }
}
