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
import java.util.List;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MovingAverageWindowTest {
  private static final Symbol AAPL = Symbol.of("AAPL");
  private static final Instant T0 = Instant.parse("2024-03-20T10:30:00Z");

  private static PriceEvent event(int second, String price) {
    return new PriceEvent(
        AAPL, new BigDecimal(price), T0.plusSeconds(second), ProviderId.FINNHUB, UUID.randomUUID());
  }

  private static MovingAverageWindow empty(int size) {
    return MovingAverageWindow.empty(AAPL, ProviderId.FINNHUB, size);
  }

  @Test
  void givenFiveQuotes_average_isTheirMean() {
    MovingAverageWindow w = empty(5);
    String[] prices = {"100", "101", "99", "102", "98"};
    for (int i = 0; i < prices.length; i++) {
      w = w.apply(event(i, prices[i]));
    }
    MovingAverage avg = w.average().orElseThrow();
    assertThat(avg.value()).isEqualByComparingTo("100");
    assertThat(avg.sampleCount()).isEqualTo(5);
    assertThat(avg.full()).isTrue();
    assertThat(avg.asOf()).isEqualTo(T0.plusSeconds(4));
  }

  @Test
  void givenTheSameEventTwice_window_isUnchanged() {
    PriceEvent e = event(0, "10");
    MovingAverageWindow once = empty(5).apply(e);
    assertThat(once.apply(e)).isSameAs(once);
  }

  @Test
  void givenAnEventOlderThanAFullWindow_window_isUnchanged() {
    MovingAverageWindow w = empty(2).apply(event(10, "1")).apply(event(11, "2"));
    assertThat(w.apply(event(5, "1000"))).isSameAs(w);
  }

  @Test
  void givenAReplayOfEvictedEvent_window_isUnchanged() {
    PriceEvent first = event(0, "1");
    MovingAverageWindow w = empty(2).apply(first).apply(event(1, "2")).apply(event(2, "3"));
    assertThat(w.apply(first)).isSameAs(w);
    assertThat(w.average().orElseThrow().value()).isEqualByComparingTo("2.5");
  }

  @Test
  void givenABatch_applyAll_isEachEventAppliedInTurn_andTheSameWindowWhenNothingChanges() {
    List<PriceEvent> batch = List.of(event(2, "3"), event(0, "1"), event(1, "2"));
    MovingAverageWindow w = empty(2).applyAll(batch);

    assertThat(w.entries()).containsExactly(batch.get(2), batch.get(0));
    assertThat(w.applyAll(batch)).isSameAs(w);
    assertThat(w.key()).isEqualTo(new WindowKey(AAPL, ProviderId.FINNHUB, 2));
  }

  @Test
  void givenAnEventOfAnotherSymbol_apply_fails() {
    PriceEvent msft =
        new PriceEvent(
            Symbol.of("MSFT"), BigDecimal.ONE, T0, ProviderId.FINNHUB, UUID.randomUUID());
    assertThatThrownBy(() -> empty(5).apply(msft)).isInstanceOf(InvalidInput.class);
  }

  @Test
  void emptyWindow_hasNoAverage() {
    assertThat(empty(5).average()).isEmpty();
  }

  @Property(tries = 200)
  void anyOrderAndAnyDuplicates_giveTheAverageOfTheNewestN(
      @ForAll @IntRange(min = 1, max = 8) int size,
      @ForAll @IntRange(min = 1, max = 40) int count,
      @ForAll long seed) {
    Random random = new Random(seed);
    List<PriceEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      // Few distinct seconds, so equal quote times (ties broken by id) are common.
      events.add(event(random.nextInt(10), BigDecimal.valueOf(1 + random.nextInt(10_000), 2) + ""));
    }
    List<PriceEvent> delivered = new ArrayList<>(events);
    for (int i = 0; i < count / 2; i++) {
      delivered.add(events.get(random.nextInt(count)));
    }
    Collections.shuffle(delivered, random);

    MovingAverageWindow w = empty(size);
    for (PriceEvent e : delivered) {
      w = w.apply(e);
    }

    List<PriceEvent> sorted = new ArrayList<>(events);
    sorted.sort(PriceEvent.ORDER);
    List<PriceEvent> newest = sorted.subList(Math.max(0, sorted.size() - size), sorted.size());
    assertThat(w.entries()).containsExactlyElementsOf(newest);
    BigDecimal expected =
        MovingAverageCalculator.ofWindow(size)
            .average(newest.stream().map(PriceEvent::price).toList())
            .value();
    assertThat(w.average().orElseThrow().value()).isEqualTo(expected);
  }
}
