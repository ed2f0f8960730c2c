package dev.marketdata.application.contract;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.T0;
import static dev.marketdata.testsupport.Samples.event;
import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@code MovingAverageRepository} promises: each event counts once, in any order. */
public abstract class MovingAverageRepositoryContract {
  protected MarketDataPorts ports;

  protected abstract MarketDataPorts emptyStore();

  @BeforeEach
  void createStore() {
    ports = emptyStore();
  }

  private static List<PriceEvent> sixEvents(Symbol symbol) {
    List<PriceEvent> events = new ArrayList<>();
    String[] prices = {"1", "2", "3", "4", "5", "6.5"};
    for (int i = 0; i < prices.length; i++) {
      events.add(event(symbol, prices[i], T0.plusSeconds(i)));
    }
    return events;
  }

  @Test
  void givenSixEvents_apply_keepsTheMeanOfTheNewestNPerWindowSize() {
    Symbol symbol = uniqueSymbol();
    List<PriceEvent> events = sixEvents(symbol);

    List<MovingAverage> touched = result(ports.movingAverages().apply(events, Set.of(3, 5)));

    MovingAverage five =
        result(ports.movingAverages().find(symbol, ProviderId.FINNHUB, 5)).orElseThrow();
    MovingAverage three =
        result(ports.movingAverages().find(symbol, ProviderId.FINNHUB, 3)).orElseThrow();
    assertThat(five.value()).isEqualByComparingTo("4.1"); // (2+3+4+5+6.5)/5
    assertThat(five.sampleCount()).isEqualTo(5);
    assertThat(five.asOf()).isEqualTo(T0.plusSeconds(5));
    assertThat(three.value()).isEqualByComparingTo("5.16666667");
    assertThat(touched).containsExactlyInAnyOrder(five, three);
  }

  @Test
  void givenTheSameBatchTwiceAndShuffled_apply_changesNothing() {
    Symbol symbol = uniqueSymbol();
    List<PriceEvent> events = sixEvents(symbol);
    result(ports.movingAverages().apply(events, Set.of(5)));
    MovingAverage first =
        result(ports.movingAverages().find(symbol, ProviderId.FINNHUB, 5)).orElseThrow();

    List<PriceEvent> shuffled = new ArrayList<>(events);
    Collections.reverse(shuffled);
    result(ports.movingAverages().apply(events, Set.of(5)));
    result(ports.movingAverages().apply(shuffled.subList(0, 3), Set.of(5)));

    assertThat(result(ports.movingAverages().find(symbol, ProviderId.FINNHUB, 5))).contains(first);
  }

  @Test
  void givenEventsOneByOneInReverse_apply_givesTheSameAverageAsOneBatch() {
    Symbol a = uniqueSymbol();
    result(ports.movingAverages().apply(sixEvents(a), Set.of(5)));
    Symbol b = uniqueSymbol();
    List<PriceEvent> reversed = new ArrayList<>(sixEvents(b));
    Collections.reverse(reversed);
    for (PriceEvent e : reversed) {
      result(ports.movingAverages().apply(List.of(e), Set.of(5)));
    }

    MovingAverage batch =
        result(ports.movingAverages().find(a, ProviderId.FINNHUB, 5)).orElseThrow();
    MovingAverage oneByOne =
        result(ports.movingAverages().find(b, ProviderId.FINNHUB, 5)).orElseThrow();
    assertThat(oneByOne.value()).isEqualTo(batch.value());
    assertThat(oneByOne.asOf()).isEqualTo(batch.asOf());
  }

  @Test
  void givenTwoSymbolsInOneBatch_apply_keepsSeparateWindows() {
    Symbol a = uniqueSymbol();
    Symbol b = uniqueSymbol();

    result(
        ports
            .movingAverages()
            .apply(List.of(event(a, "10", T0), event(b, "0.00012345", T0)), Set.of(5)));

    MovingAverage avgA =
        result(ports.movingAverages().find(a, ProviderId.FINNHUB, 5)).orElseThrow();
    MovingAverage avgB =
        result(ports.movingAverages().find(b, ProviderId.FINNHUB, 5)).orElseThrow();
    assertThat(avgA.value()).isEqualByComparingTo("10");
    assertThat(avgA.sampleCount()).isEqualTo(1);
    assertThat(avgA.full()).isFalse();
    assertThat(avgB.value()).isEqualTo("0.00012345");
  }

  @Test
  void givenNoEvents_find_isEmpty() {
    assertThat(result(ports.movingAverages().find(uniqueSymbol(), ProviderId.FINNHUB, 5)))
        .isEmpty();
  }
}
