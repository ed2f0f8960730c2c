package dev.marketdata.application.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.LiveEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.testsupport.ScriptedLiveEventLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LiveHubTest {
  private static final Symbol AAPL = Symbol.of("AAPL");
  private static final Symbol MSFT = Symbol.of("MSFT");
  private static final ProviderId SIM = ProviderId.SIMULATED;

  private static final class Recorder implements LiveHub.Subscriber {
    final List<Long> ids = new ArrayList<>();
    final boolean pricesOnly;

    Recorder(boolean pricesOnly) {
      this.pricesOnly = pricesOnly;
    }

    @Override
    public boolean wants(LiveEvent event) {
      return !pricesOnly || event.isPrice();
    }

    @Override
    public void deliver(List<LiveEvent> events) {
      events.forEach(e -> ids.add(e.id()));
    }
  }

  private final LiveHub hub = new LiveHub();

  @Test
  void publish_handsEachSubscriberTheEventsOfItsSubjectsOnly() {
    hub.start(0);
    Recorder apple = new Recorder(false);
    Recorder both = new Recorder(true);
    hub.subscribe(apple, Set.of(AAPL), SIM);
    hub.subscribe(both, Set.of(AAPL, MSFT), SIM);

    hub.publish(
        List.of(
            ScriptedLiveEventLog.priceEvent(1, AAPL, SIM, "1"),
            ScriptedLiveEventLog.priceEvent(2, MSFT, SIM, "1"),
            ScriptedLiveEventLog.priceEvent(3, AAPL, ProviderId.FINNHUB, "1"),
            ScriptedLiveEventLog.averageEvent(4, AAPL, SIM, 5, "1")),
        4);

    assertThat(apple.ids).containsExactly(1L, 4L);
    assertThat(both.ids).as("prices only").containsExactly(1L, 2L);
  }

  @Test
  void subscribe_returnsThePosition_aboveWhichEveryEventIsDelivered() {
    hub.start(7);
    hub.publish(List.of(ScriptedLiveEventLog.priceEvent(8, AAPL, SIM, "1")), 9);
    Recorder r = new Recorder(false);

    assertThat(hub.subscribe(r, Set.of(AAPL), SIM)).isEqualTo(9);
    hub.publish(List.of(ScriptedLiveEventLog.priceEvent(10, AAPL, SIM, "1")), 10);
    assertThat(r.ids).containsExactly(10L);
  }

  @Test
  void unsubscribeAndRemove_stopDeliveries() {
    hub.start(0);
    Recorder r = new Recorder(false);
    hub.subscribe(r, Set.of(AAPL, MSFT), SIM);
    hub.unsubscribe(r, Set.of(MSFT), SIM);
    hub.publish(
        List.of(
            ScriptedLiveEventLog.priceEvent(1, AAPL, SIM, "1"),
            ScriptedLiveEventLog.priceEvent(2, MSFT, SIM, "1")),
        2);
    hub.remove(r);
    hub.publish(List.of(ScriptedLiveEventLog.priceEvent(3, AAPL, SIM, "1")), 3);

    assertThat(r.ids).containsExactly(1L);
    assertThat(hub.subscriberCount()).isZero();
  }
}
