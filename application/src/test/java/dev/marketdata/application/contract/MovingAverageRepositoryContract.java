package dev.marketdata.application.contract;

import static dev.marketdata.testsupport.Await.failure;
import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.T0;
import static dev.marketdata.testsupport.Samples.event;
import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.MovingAverageRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@code MovingAverageRepository} promises (ADR 0004): each window holds the newest N
 * events of its (symbol, provider) in {@code PriceEvent.ORDER}, each event counts once, in any
 * order and any batching, and what {@code apply} reports is what {@code find} reads back.
 */
public abstract class MovingAverageRepositoryContract {
  protected MovingAverageRepository averages;

  /** A repository holding no average, or at least none for the symbols these tests make up. */
  protected abstract MovingAverageRepository emptyRepository();

  @BeforeEach
  void createRepository() {
    averages = emptyRepository();
  }

  private static List<PriceEvent> sixEvents(Symbol symbol) {
    List<PriceEvent> events = new ArrayList<>();
    String[] prices = {"1", "2", "3", "4", "5", "6.5"};
    for (int i = 0; i < prices.length; i++) {
      events.add(event(symbol, prices[i], T0.plusSeconds(i)));
    }
    return events;
  }

  private static PriceEvent eventOf(
      Symbol symbol, ProviderId provider, String price, Instant at, UUID id) {
    return new PriceEvent(symbol, new BigDecimal(price), at, provider, id);
  }

  private MovingAverage find(Symbol symbol, ProviderId provider, int size) {
    return result(averages.find(symbol, provider, size)).orElseThrow();
  }

  private MovingAverage find(Symbol symbol, int size) {
    return find(symbol, ProviderId.FINNHUB, size);
  }

  @Test
  void givenSixEvents_apply_keepsTheMeanOfTheNewestNPerWindowSize() {
    Symbol symbol = uniqueSymbol();
    List<PriceEvent> events = sixEvents(symbol);

    List<MovingAverage> touched = result(averages.apply(events, Set.of(3, 5)));

    MovingAverage five = find(symbol, 5);
    MovingAverage three = find(symbol, 3);
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
    result(averages.apply(events, Set.of(5)));
    MovingAverage first = find(symbol, 5);

    List<PriceEvent> shuffled = new ArrayList<>(events);
    Collections.reverse(shuffled);
    result(averages.apply(events, Set.of(5)));
    result(averages.apply(shuffled.subList(0, 3), Set.of(5)));

    assertThat(result(averages.find(symbol, ProviderId.FINNHUB, 5))).contains(first);
  }

  @Test
  void givenAReplay_apply_stillReportsTheAveragesOfTheWindowsItTouched() {
    Symbol symbol = uniqueSymbol();
    List<PriceEvent> events = sixEvents(symbol);
    List<MovingAverage> first = result(averages.apply(events, Set.of(3, 5)));

    List<MovingAverage> replayed = result(averages.apply(events.subList(0, 2), Set.of(3, 5)));

    assertThat(replayed).containsExactlyInAnyOrderElementsOf(first);
  }

  @Test
  void givenEventsOneByOneInReverse_apply_givesTheSameAverageAsOneBatch() {
    Symbol a = uniqueSymbol();
    result(averages.apply(sixEvents(a), Set.of(5)));
    Symbol b = uniqueSymbol();
    List<PriceEvent> reversed = new ArrayList<>(sixEvents(b));
    Collections.reverse(reversed);
    for (PriceEvent e : reversed) {
      result(averages.apply(List.of(e), Set.of(5)));
    }

    MovingAverage batch = find(a, 5);
    MovingAverage oneByOne = find(b, 5);
    assertThat(oneByOne.value()).isEqualTo(batch.value());
    assertThat(oneByOne.asOf()).isEqualTo(batch.asOf());
  }

  @Test
  void givenAnyBatchingOrderAndDuplicates_apply_givesTheSameWindowsAsOneBatch() {
    Symbol a = uniqueSymbol();
    Symbol b = uniqueSymbol();
    List<PriceEvent> events = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      // Two events per second: ties are broken by raw response id.
      events.add(event(a, "10" + i, T0.plusSeconds(i / 2)));
      events.add(event(b, "0.000" + (i + 10), T0.plusSeconds(i / 2)));
    }
    Symbol a2 = uniqueSymbol();
    Symbol b2 = uniqueSymbol();
    List<PriceEvent> delivered = new ArrayList<>();
    for (PriceEvent e : events) {
      Symbol other = e.symbol().equals(a) ? a2 : b2;
      delivered.add(
          eventOf(other, e.source(), e.price().toPlainString(), e.timestamp(), e.rawResponseId()));
    }
    delivered.addAll(delivered.subList(3, 15));
    Collections.shuffle(delivered, new Random(11));

    result(averages.apply(events, Set.of(1, 4, 5)));
    for (int i = 0; i < delivered.size(); i += 5) {
      result(
          averages.apply(delivered.subList(i, Math.min(i + 5, delivered.size())), Set.of(1, 4, 5)));
    }

    for (int size : List.of(1, 4, 5)) {
      assertThat(find(a2, size).value()).isEqualTo(find(a, size).value());
      assertThat(find(a2, size).asOf()).isEqualTo(find(a, size).asOf());
      assertThat(find(b2, size).value()).isEqualTo(find(b, size).value());
    }
  }

  @Test
  void givenALateEvent_apply_takesItOnlyIfItIsAmongTheNewestN() {
    Symbol symbol = uniqueSymbol();
    result(averages.apply(sixEvents(symbol), Set.of(5))); // window: 2, 3, 4, 5, 6.5

    result(averages.apply(List.of(event(symbol, "1000", T0.minusSeconds(1))), Set.of(5)));
    assertThat(find(symbol, 5).value()).isEqualByComparingTo("4.1");

    // Quoted between the 2 and the 3: it enters, and the 2 leaves.
    result(averages.apply(List.of(event(symbol, "12", T0.plusMillis(1500))), Set.of(5)));
    MovingAverage after = find(symbol, 5);
    assertThat(after.value()).isEqualByComparingTo("6.1"); // (12+3+4+5+6.5)/5
    assertThat(after.asOf()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void givenAReplayOfAnEvictedEvent_apply_changesNothing() {
    Symbol symbol = uniqueSymbol();
    List<PriceEvent> events = sixEvents(symbol);
    result(averages.apply(events, Set.of(5)));

    List<MovingAverage> touched = result(averages.apply(List.of(events.get(0)), Set.of(5)));

    assertThat(find(symbol, 5).value()).isEqualByComparingTo("4.1");
    assertThat(touched).containsExactly(find(symbol, 5));
  }

  @Test
  void givenEqualQuoteTimes_theWindow_keepsTheGreaterIdComparedAsUnsignedBytes() {
    Symbol symbol = uniqueSymbol();
    // Signed comparison would call the ffff... id the smaller one.
    UUID low = UUID.fromString("00000000-0000-7000-8000-000000000001");
    UUID high = UUID.fromString("ffffffff-0000-7000-8000-000000000001");

    result(
        averages.apply(
            List.of(
                eventOf(symbol, ProviderId.FINNHUB, "2", T0, high),
                eventOf(symbol, ProviderId.FINNHUB, "1", T0, low)),
            Set.of(1)));

    assertThat(find(symbol, 1).value()).isEqualByComparingTo("2");
  }

  @Test
  void givenTwoSymbolsInOneBatch_apply_keepsSeparateWindows() {
    Symbol a = uniqueSymbol();
    Symbol b = uniqueSymbol();

    result(averages.apply(List.of(event(a, "10", T0), event(b, "0.00012345", T0)), Set.of(5)));

    MovingAverage avgA = find(a, 5);
    MovingAverage avgB = find(b, 5);
    assertThat(avgA.value()).isEqualByComparingTo("10");
    assertThat(avgA.sampleCount()).isEqualTo(1);
    assertThat(avgA.full()).isFalse();
    assertThat(avgB.value()).isEqualTo("0.00012345");
  }

  @Test
  void givenTwoProvidersOfOneSymbolInOneBatch_apply_touchesEachWindowOnce() {
    Symbol symbol = uniqueSymbol();
    List<PriceEvent> batch = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      batch.add(eventOf(symbol, ProviderId.FINNHUB, "1" + i, T0.plusSeconds(i), UUID.randomUUID()));
      batch.add(eventOf(symbol, ProviderId.YAHOO, "2" + i, T0.plusSeconds(i), UUID.randomUUID()));
    }

    List<MovingAverage> touched = result(averages.apply(batch, Set.of(2, 5)));

    assertThat(touched)
        .containsExactlyInAnyOrder(
            find(symbol, ProviderId.FINNHUB, 2),
            find(symbol, ProviderId.FINNHUB, 5),
            find(symbol, ProviderId.YAHOO, 2),
            find(symbol, ProviderId.YAHOO, 5));
    assertThat(find(symbol, ProviderId.FINNHUB, 2).value()).isEqualByComparingTo("11.5");
    assertThat(find(symbol, ProviderId.YAHOO, 5).value()).isEqualByComparingTo("21");
    assertThat(find(symbol, ProviderId.YAHOO, 5).sampleCount()).isEqualTo(3);
  }

  @Test
  void givenAQuoteTimeFinerThanAMicrosecond_apply_keepsItToTheMicrosecond() {
    Symbol symbol = uniqueSymbol();

    List<MovingAverage> touched =
        result(averages.apply(List.of(event(symbol, "1", T0.plusNanos(789))), Set.of(5)));

    assertThat(touched).singleElement().extracting(MovingAverage::asOf).isEqualTo(T0);
    assertThat(find(symbol, 5).asOf()).isEqualTo(T0);
  }

  @Test
  void givenAWindowSizeBelowOne_apply_failsNamingWindow() {
    Throwable failure =
        failure(averages.apply(List.of(event(uniqueSymbol(), "1", T0)), Set.of(5, 0)));

    assertThat(failure).isInstanceOf(InvalidInput.class);
    assertThat(((InvalidInput) failure).field()).isEqualTo("window");
  }

  @Test
  void givenNoEvents_apply_touchesNothing() {
    assertThat(result(averages.apply(List.of(), Set.of(5)))).isEmpty();
  }

  @Test
  void givenNoEvents_find_isEmpty() {
    assertThat(result(averages.find(uniqueSymbol(), ProviderId.FINNHUB, 5))).isEmpty();
  }

  @Test
  void givenAppliedEvents_find_isEmptyForAnotherSizeOrProvider() {
    Symbol symbol = uniqueSymbol();
    result(averages.apply(sixEvents(symbol), Set.of(5)));

    assertThat(result(averages.find(symbol, ProviderId.FINNHUB, 3))).isEqualTo(Optional.empty());
    assertThat(result(averages.find(symbol, ProviderId.YAHOO, 5))).isEmpty();
  }
}
