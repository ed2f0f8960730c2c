package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.T0;
import static dev.marketdata.testsupport.Samples.event;
import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Replays and concurrent batches against the stored rows of {@code symbol_averages}. */
@ExtendWith(PgStoreExtension.class)
class PgMovingAverageReplayIT {
  private static final String SNAPSHOT =
      "SELECT xmin::text AS version, row_to_json(a)::text AS content FROM symbol_averages a"
          + " ORDER BY symbol, provider, window_size";

  private static PgTestStore store;
  private MarketDataPorts ports;

  @BeforeAll
  static void start(PgTestStore shared) {
    store = shared;
  }

  @BeforeEach
  void empty() {
    ports = store.emptyPorts();
  }

  private List<String> snapshot() {
    return store.query(SNAPSHOT).stream()
        .map(r -> r.getString("version") + " " + r.getString("content"))
        .toList();
  }

  private static List<PriceEvent> events(Symbol a, Symbol b) {
    List<PriceEvent> events = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      events.add(event(a, "100." + i, T0.plusSeconds(i)));
      events.add(event(b, "0.0001234" + (i % 10), T0.plusSeconds(i)));
    }
    return events;
  }

  @Test
  void givenAppliedEvents_replayingThemInAnyOrder_leavesSymbolAveragesRowsUntouched() {
    List<PriceEvent> events = events(uniqueSymbol(), uniqueSymbol());
    result(ports.movingAverages().apply(events, Set.of(3, 5)));
    List<String> before = snapshot();

    List<PriceEvent> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new Random(7));
    result(ports.movingAverages().apply(events, Set.of(3, 5)));
    result(ports.movingAverages().apply(shuffled, Set.of(3, 5)));
    for (PriceEvent e : shuffled.subList(0, 6)) {
      result(ports.movingAverages().apply(List.of(e), Set.of(3, 5)));
    }

    // xmin is the writing transaction: unchanged means the rows were not even rewritten.
    assertThat(snapshot()).hasSize(4).isEqualTo(before);
  }

  @Test
  void givenConcurrentBatchesForOneSymbol_apply_losesNoEvent() {
    Symbol symbol = uniqueSymbol();
    List<PriceEvent> events = events(symbol, uniqueSymbol());
    List<CompletableFuture<List<MovingAverage>>> running = new ArrayList<>();
    for (int i = 0; i < events.size(); i += 3) {
      running.add(
          ports
              .movingAverages()
              .apply(events.subList(i, Math.min(i + 3, events.size())), Set.of(5))
              .toCompletableFuture());
    }
    running.forEach(f -> result(f));

    MovingAverage average =
        result(ports.movingAverages().find(symbol, ProviderId.FINNHUB, 5)).orElseThrow();
    // The newest five are i = 7..11: (100.7 + 100.8 + 100.9 + 100.10 + 100.11) / 5
    assertThat(average.value()).isEqualByComparingTo("100.522");
    assertThat(average.asOf()).isEqualTo(T0.plusSeconds(11));
    String window =
        store
            .query(
                "SELECT window_prices::text FROM symbol_averages WHERE symbol = $1 AND window_size = 5",
                symbol.value())
            .get(0)
            .getString(0);
    // Oldest first, each price with its own scale (100.10 is not 100.1).
    assertThat(window).isEqualTo("{100.7,100.8,100.9,100.10,100.11}");
  }
}
