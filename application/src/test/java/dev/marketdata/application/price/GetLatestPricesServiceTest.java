package dev.marketdata.application.price;

import static dev.marketdata.testsupport.Samples.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.failure.SymbolNotFound;
import dev.marketdata.domain.model.ProviderChain;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GetLatestPricesServiceTest {
  private static final Instant T0 = Instant.parse("2024-03-20T10:30:00Z");

  /** Answers per symbol as scripted; holds calls open when asked to, to see the bound. */
  private static final class ScriptedServe implements ServeLatestPriceUseCase {
    final Map<String, CompletableFuture<ServedPrice>> pending = new ConcurrentHashMap<>();
    final List<String> asked = Collections.synchronizedList(new ArrayList<>());
    final List<Optional<ProviderChain>> chains = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    boolean hold;

    @Override
    public CompletionStage<ServedPrice> latest(Symbol symbol, Optional<ProviderChain> chain) {
      asked.add(symbol.value());
      chains.add(chain);
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      CompletableFuture<ServedPrice> answer = new CompletableFuture<>();
      pending.put(symbol.value(), answer);
      if (!hold) {
        complete(symbol.value());
      }
      return answer;
    }

    void complete(String symbol) {
      CompletableFuture<ServedPrice> answer = pending.get(symbol);
      inFlight.decrementAndGet(); // before completing: the batch starts the next one inside
      switch (symbol) {
        case "NOPE" -> answer.completeExceptionally(new SymbolNotFound("NOPE", "finnhub"));
        case "BUSY" ->
            answer.completeExceptionally(
                new ProviderThrottled("finnhub", Duration.ofSeconds(9), true, "budget"));
        default -> answer.complete(ServedPrice.direct(point(symbol, ProviderId.FINNHUB, "10", T0)));
      }
    }
  }

  private final ScriptedServe serve = new ScriptedServe();
  private final GetLatestPricesService service =
      new GetLatestPricesService(serve, new BatchSettings(3, 2));

  private BatchPrices batch(String... symbols) {
    return service.latest(List.of(symbols), Optional.empty()).toCompletableFuture().join();
  }

  @Test
  void givenGoodInvalidAndUnknownSymbols_batch_servesTheGoodAndReportsTheRestInOrder() {
    BatchPrices result = batch("msft", "a b", "NOPE");

    assertThat(result.prices()).extracting(p -> p.point().symbol().value()).containsExactly("MSFT");
    assertThat(result.errors())
        .extracting(BatchPrices.SymbolFailure::symbol)
        .containsExactly("a b", "NOPE");
    assertThat(result.errors().get(0).failure()).isInstanceOf(InvalidInput.class);
    assertThat(result.errors().get(1).failure()).isInstanceOf(SymbolNotFound.class);
    assertThat(serve.asked).containsExactlyInAnyOrder("MSFT", "NOPE");
  }

  @Test
  void givenDuplicates_batch_servesEachSymbolOnceInFirstOrder() {
    BatchPrices result = batch("MSFT", "AAPL", "msft", " AAPL ", "IBM");

    assertThat(result.prices())
        .extracting(p -> p.point().symbol().value())
        .containsExactly("MSFT", "AAPL", "IBM");
    assertThat(serve.asked).hasSize(3);
  }

  @Test
  void givenAChain_batch_usesItForEverySymbol() {
    Optional<ProviderChain> chain = Optional.of(ProviderChain.parse("provider", "finnhub,yahoo"));

    service.latest(List.of("AAPL", "MSFT"), chain).toCompletableFuture().join();

    assertThat(serve.chains).containsOnly(chain);
  }

  @Test
  void givenThrottling_batch_reportsTheThrottledSymbolsAsErrors() {
    BatchPrices result = batch("AAPL", "BUSY");

    assertThat(result.prices()).hasSize(1);
    assertThat(result.errors().get(0).failure()).isInstanceOf(ProviderThrottled.class);
  }

  @Test
  void givenMoreSymbolsThanTheBound_batch_servesAtMostTheConcurrencyAtOnce() {
    serve.hold = true;
    CompletableFuture<BatchPrices> result =
        service.latest(List.of("A", "B", "C"), Optional.empty()).toCompletableFuture();

    assertThat(serve.asked).containsExactly("A", "B");
    serve.complete("A");
    assertThat(serve.asked).containsExactly("A", "B", "C");
    serve.complete("B");
    serve.complete("C");

    assertThat(result.join().prices()).hasSize(3);
    assertThat(serve.maxInFlight.get()).isEqualTo(2);
  }

  @Test
  void givenEmptyTooManyOrEmptyEntries_batch_isRefusedNamingSymbols() {
    for (List<String> bad :
        List.of(List.<String>of(), List.of("A", "B", "C", "D"), List.of("AAPL", "", "MSFT"))) {
      assertThatThrownBy(() -> service.latest(bad, Optional.empty()).toCompletableFuture().join())
          .as(bad.toString())
          .hasCauseInstanceOf(InvalidInput.class)
          .cause()
          .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo("symbols"));
    }
    assertThat(serve.asked).isEmpty();
  }

  @Test
  void givenFourNamesOfThreeSymbols_batch_isWithinTheBound() {
    assertThat(batch("A", "B", "a", "C").prices()).hasSize(3);
  }
}
