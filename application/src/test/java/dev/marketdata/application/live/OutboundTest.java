package dev.marketdata.application.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.LiveEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.testsupport.ScriptedLiveEventLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutboundTest {
  private static final Symbol AAPL = Symbol.of("AAPL");
  private static final Symbol MSFT = Symbol.of("MSFT");
  private static final ProviderId SIM = ProviderId.SIMULATED;

  private final List<Long> written = new ArrayList<>();
  private final AtomicLong nanos = new AtomicLong();
  private boolean writable = true;
  private final Outbound outbound =
      new Outbound(
          new Outbound.Sink() {
            @Override
            public boolean writable() {
              return writable;
            }

            @Override
            public void write(LiveEvent event) {
              written.add(event.id());
            }
          },
          nanos::get,
          0);

  private static LiveEvent price(long id, Symbol symbol) {
    return ScriptedLiveEventLog.priceEvent(id, symbol, SIM, "1");
  }

  private static LiveEvent average(long id, Symbol symbol, int window) {
    return ScriptedLiveEventLog.averageEvent(id, symbol, SIM, window, "1");
  }

  private static LiveEvent bar(long id, Symbol symbol, BarInterval interval, int minute) {
    return LiveEvent.ofBar(
        id,
        ScriptedLiveEventLog.bar(
            symbol,
            SIM,
            interval,
            Instant.parse("2026-03-09T14:00:00Z").plus(interval.length().multipliedBy(minute))));
  }

  @Test
  void givenAFullTransport_bars_conflatePerSymbolAndInterval() {
    writable = false;
    outbound.offer(
        List.of(
            bar(1, AAPL, BarInterval.ONE_MINUTE, 0),
            bar(2, AAPL, BarInterval.FIVE_MINUTES, 0),
            average(3, AAPL, 5),
            bar(4, AAPL, BarInterval.ONE_MINUTE, 1),
            bar(5, MSFT, BarInterval.ONE_MINUTE, 1)));

    writable = true;
    outbound.drain();

    assertThat(written).containsExactly(2L, 3L, 4L, 5L);
    assertThat(outbound.conflatedCount()).isEqualTo(1);
  }

  @Test
  void givenAWritableTransport_offer_writesEveryEventAtOnce() {
    outbound.offer(List.of(price(1, AAPL), price(2, AAPL), average(3, AAPL, 5)));

    assertThat(written).containsExactly(1L, 2L, 3L);
    assertThat(outbound.pendingCount()).isZero();
  }

  @Test
  void givenAFullTransport_offer_keepsTheLatestPerKeyAndDrainsThemInIdOrder() {
    writable = false;
    outbound.offer(List.of(price(1, AAPL), average(2, AAPL, 5), price(3, MSFT)));
    outbound.offer(List.of(price(4, AAPL), average(5, AAPL, 20), average(6, AAPL, 5)));

    assertThat(written).isEmpty();
    assertThat(outbound.pendingCount()).as("one per (type, symbol, window)").isEqualTo(4);
    assertThat(outbound.conflatedCount()).isEqualTo(2);

    writable = true;
    outbound.drain();
    assertThat(written).containsExactly(3L, 4L, 5L, 6L);
  }

  @Test
  void givenIdsAlreadyQueued_offer_dropsThemSoAReplayAndItsBufferDoNotRepeat() {
    outbound.offer(List.of(price(1, AAPL), price(2, AAPL)));
    outbound.offer(List.of(price(2, AAPL), price(3, AAPL)));

    assertThat(written).containsExactly(1L, 2L, 3L);
  }

  @Test
  void behindLongerThan_countsFromWhenEventsFirstHadToWait_andResetsOnceDrained() {
    writable = false;
    outbound.offer(List.of(price(1, AAPL)));
    nanos.addAndGet(Duration.ofSeconds(29).toNanos());
    outbound.offer(List.of(price(2, AAPL)));
    assertThat(outbound.behindLongerThan(Duration.ofSeconds(30))).isFalse();

    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(outbound.behindLongerThan(Duration.ofSeconds(30))).isTrue();

    writable = true;
    outbound.drain();
    assertThat(outbound.behindLongerThan(Duration.ofSeconds(30))).isFalse();
  }
}
