package dev.marketdata.domain.average;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class WindowFoldTest {
  private static final Symbol AAPL = Symbol.of("AAPL");
  private static final Symbol MSFT = Symbol.of("MSFT");
  private static final List<Symbol> SYMBOLS = List.of(AAPL, MSFT);
  private static final List<ProviderId> PROVIDERS = List.of(ProviderId.FINNHUB, ProviderId.YAHOO);
  private static final Instant T0 = Instant.parse("2024-03-20T10:30:00Z");

  private static PriceEvent event(Symbol symbol, ProviderId provider, int second, String price) {
    return new PriceEvent(
        symbol, new BigDecimal(price), T0.plusSeconds(second), provider, UUID.randomUUID());
  }

  private static PriceEvent event(int second, String price) {
    return event(AAPL, ProviderId.FINNHUB, second, price);
  }

  /** Writes back what changed, as a store does. */
  private static WindowFold.Result foldInto(
      Map<WindowKey, MovingAverageWindow> stored, List<PriceEvent> batch, Set<Integer> sizes) {
    WindowFold.Result result = WindowFold.of(batch, sizes).applyTo(stored);
    result.changed().forEach(u -> stored.put(u.window().key(), u.window()));
    return result;
  }

  @Test
  void givenTwoSeriesAndTwoSizes_keys_areEverySeriesAtEverySizeInOrder() {
    List<PriceEvent> batch =
        List.of(
            event(MSFT, ProviderId.FINNHUB, 0, "1"),
            event(AAPL, ProviderId.YAHOO, 0, "2"),
            event(MSFT, ProviderId.FINNHUB, 1, "3"));

    assertThat(WindowFold.of(batch, Set.of(5, 3)).keys())
        .containsExactly(
            new WindowKey(AAPL, ProviderId.YAHOO, 3),
            new WindowKey(AAPL, ProviderId.YAHOO, 5),
            new WindowKey(MSFT, ProviderId.FINNHUB, 3),
            new WindowKey(MSFT, ProviderId.FINNHUB, 5));
  }

  @Test
  void givenNoEventsOrNoSizes_fold_touchesNothing() {
    assertThat(WindowFold.of(List.of(), Set.of(5)).keys()).isEmpty();
    assertThat(WindowFold.of(List.of(event(0, "1")), Set.of()).applyTo(Map.of()).updates())
        .isEmpty();
  }

  @Test
  void givenSixEventsOnEmptyWindows_applyTo_givesTheMeanOfTheNewestNPerSize() {
    List<PriceEvent> batch = new ArrayList<>();
    String[] prices = {"1", "2", "3", "4", "5", "6.5"};
    for (int i = 0; i < prices.length; i++) {
      batch.add(event(i, prices[i]));
    }

    WindowFold.Result result = WindowFold.of(batch, Set.of(3, 5)).applyTo(Map.of());

    assertThat(result.averages())
        .extracting(MovingAverage::windowSize, MovingAverage::value, MovingAverage::sampleCount)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3, new BigDecimal("5.16666667"), 3),
            org.assertj.core.groups.Tuple.tuple(5, new BigDecimal("4.10000000"), 5));
    assertThat(result.changed()).hasSize(2);
    assertThat(result.averages())
        .allSatisfy(a -> assertThat(a.asOf()).isEqualTo(T0.plusSeconds(5)));
  }

  @Test
  void givenOnlyEventsOlderThanAFullWindow_applyTo_reportsTheAverageButChangesNothing() {
    Map<WindowKey, MovingAverageWindow> stored = new HashMap<>();
    foldInto(stored, List.of(event(10, "1"), event(11, "3")), Set.of(2));
    MovingAverageWindow before = stored.get(new WindowKey(AAPL, ProviderId.FINNHUB, 2));

    WindowFold.Result late = WindowFold.of(List.of(event(5, "1000")), Set.of(2)).applyTo(stored);

    assertThat(late.changed()).isEmpty();
    assertThat(late.updates())
        .singleElement()
        .satisfies(u -> assertThat(u.window()).isSameAs(before));
    assertThat(late.averages()).containsExactly(before.average().orElseThrow());
  }

  @Test
  void givenWindowsOfOtherSeries_applyTo_leavesThemOut() {
    Map<WindowKey, MovingAverageWindow> stored = new HashMap<>();
    foldInto(stored, List.of(event(MSFT, ProviderId.FINNHUB, 0, "9")), Set.of(5));

    WindowFold.Result result = WindowFold.of(List.of(event(0, "1")), Set.of(5)).applyTo(stored);

    assertThat(result.updates())
        .extracting(u -> u.window().key())
        .containsExactly(new WindowKey(AAPL, ProviderId.FINNHUB, 5));
  }

  @Test
  void givenAWindowStoredUnderAnotherKey_applyTo_failsNamingWindow() {
    WindowKey key = new WindowKey(AAPL, ProviderId.FINNHUB, 5);
    MovingAverageWindow wrongSize = MovingAverageWindow.empty(AAPL, ProviderId.FINNHUB, 3);

    assertThatThrownBy(
            () -> WindowFold.of(List.of(event(0, "1")), Set.of(5)).applyTo(Map.of(key, wrongSize)))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("window");
  }

  @Test
  void givenASizeBelowOne_of_failsNamingWindow() {
    assertThatThrownBy(() -> WindowFold.of(List.of(event(0, "1")), Set.of(5, 0)))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("window");
  }

  private static List<PriceEvent> randomEvents(Random random, int count) {
    List<PriceEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      // Few distinct seconds, so equal quote times (ties broken by id) are common.
      events.add(
          event(
              SYMBOLS.get(random.nextInt(SYMBOLS.size())),
              PROVIDERS.get(random.nextInt(PROVIDERS.size())),
              random.nextInt(8),
              BigDecimal.valueOf(1 + random.nextInt(100_000), 3).toPlainString()));
    }
    return events;
  }

  private static Set<Integer> randomSizes(Random random) {
    Set<Integer> sizes = new TreeSet<>();
    int count = 1 + random.nextInt(3);
    while (sizes.size() < count) {
      sizes.add(1 + random.nextInt(7));
    }
    return sizes;
  }

  /** The events again, some twice, shuffled, cut into batches of random length. */
  private static List<List<PriceEvent>> redelivered(Random random, List<PriceEvent> events) {
    List<PriceEvent> delivered = new ArrayList<>(events);
    for (int i = 0; i < events.size() / 2; i++) {
      delivered.add(events.get(random.nextInt(events.size())));
    }
    Collections.shuffle(delivered, random);
    List<List<PriceEvent>> batches = new ArrayList<>();
    for (int i = 0; i < delivered.size(); ) {
      int end = Math.min(delivered.size(), i + 1 + random.nextInt(6));
      batches.add(delivered.subList(i, end));
      i = end;
    }
    return batches;
  }

  private static List<PriceEvent> newest(List<PriceEvent> events, WindowKey key) {
    List<PriceEvent> series =
        new ArrayList<>(
            events.stream()
                .filter(e -> e.symbol().equals(key.symbol()) && e.source().equals(key.provider()))
                .distinct()
                .toList());
    series.sort(PriceEvent.ORDER);
    return series.subList(Math.max(0, series.size() - key.size()), series.size());
  }

  @Property(tries = 200)
  void anyBatchingOrderAndDuplicates_giveTheNewestNOfTheUnion_andTheirAverage(@ForAll long seed) {
    Random random = new Random(seed);
    List<PriceEvent> events = randomEvents(random, 1 + random.nextInt(40));
    Set<Integer> sizes = randomSizes(random);

    Map<WindowKey, MovingAverageWindow> stored = new HashMap<>();
    for (List<PriceEvent> batch : redelivered(random, events)) {
      foldInto(stored, batch, sizes);
    }

    assertThat(stored.keySet()).isEqualTo(WindowFold.of(events, sizes).keys());
    stored.forEach(
        (key, window) -> {
          List<PriceEvent> newest = newest(events, key);
          assertThat(window.entries()).containsExactlyElementsOf(newest);
          BigDecimal expected =
              MovingAverageCalculator.ofWindow(key.size())
                  .average(newest.stream().map(PriceEvent::price).toList())
                  .value();
          assertThat(window.average().orElseThrow().value()).isEqualTo(expected);
        });
  }

  @Property(tries = 200)
  void replayingAnyAppliedEvents_changesNoWindow_andReportsTheStoredAverages(@ForAll long seed) {
    Random random = new Random(seed);
    List<PriceEvent> events = randomEvents(random, 1 + random.nextInt(40));
    Set<Integer> sizes = randomSizes(random);
    Map<WindowKey, MovingAverageWindow> stored = new HashMap<>();
    foldInto(stored, events, sizes);

    for (List<PriceEvent> replay : redelivered(random, events)) {
      WindowFold.Result result = WindowFold.of(replay, sizes).applyTo(stored);

      assertThat(result.changed()).isEmpty();
      for (WindowFold.Update u : result.updates()) {
        assertThat(u.window()).isSameAs(stored.get(u.window().key()));
        assertThat(u.average()).isEqualTo(u.window().average().orElseThrow());
      }
    }
  }

  @Property(tries = 200)
  void changed_isTrueExactlyWhenTheBatchAltersTheWindow(@ForAll long seed) {
    Random random = new Random(seed);
    Set<Integer> sizes = randomSizes(random);
    Map<WindowKey, MovingAverageWindow> stored = new HashMap<>();
    foldInto(stored, randomEvents(random, random.nextInt(20)), sizes);
    Map<WindowKey, MovingAverageWindow> before = Map.copyOf(stored);

    WindowFold.Result result =
        WindowFold.of(randomEvents(random, 1 + random.nextInt(10)), sizes).applyTo(stored);

    for (WindowFold.Update u : result.updates()) {
      List<PriceEvent> was =
          before.getOrDefault(u.window().key(), u.window().key().emptyWindow()).entries();
      assertThat(u.changed()).isEqualTo(!was.equals(u.window().entries()));
    }
  }
}
