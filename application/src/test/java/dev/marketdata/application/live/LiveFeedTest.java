package dev.marketdata.application.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.LiveEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.testsupport.Await;
import dev.marketdata.testsupport.ScriptedLiveEventLog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LiveFeedTest {
  private static final Symbol AAPL = Symbol.of("AAPL");
  private static final ProviderId SIM = ProviderId.SIMULATED;

  private final ScriptedLiveEventLog log = new ScriptedLiveEventLog();
  private final LiveHub hub = new LiveHub();
  private final LiveSettings settings =
      new LiveSettings(
          100,
          100,
          10,
          Duration.ofSeconds(15),
          Duration.ofSeconds(60),
          Duration.ofSeconds(30),
          Duration.ofMinutes(15),
          new TreeSet<>(List.of(5)),
          Duration.ofMillis(50),
          Duration.ofMillis(500),
          2,
          Duration.ofSeconds(10));
  private final LiveFeed feed =
      new LiveFeed(log, hub, settings, Clock.systemUTC(), LiveMetrics.NONE);

  @Test
  void start_beginsAtTheHead_soEarlierEventsAreNotStreamed() {
    log.appendPrice(AAPL, SIM, "1");
    assertThat(Await.result(feed.start())).isEqualTo(1);
    assertThat(hub.position()).isEqualTo(1);
  }

  @Test
  void step_readsAgainAtOnceAfterAFullBatch_andSlowerWithoutSubscribers() {
    Await.result(feed.start());
    List<Long> got = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      log.appendPrice(AAPL, SIM, "1");
    }

    assertThat(Await.result(feed.step())).as("nobody listens, full batch").isEqualTo(Duration.ZERO);
    assertThat(Await.result(feed.step())).as("idle").isEqualTo(Duration.ofMillis(500));
    assertThat(feed.position()).as("advances without subscribers").isEqualTo(3);

    hub.subscribe(
        new LiveHub.Subscriber() {
          @Override
          public boolean wants(LiveEvent event) {
            return true;
          }

          @Override
          public void deliver(List<LiveEvent> events) {
            events.forEach(e -> got.add(e.id()));
          }
        },
        Set.of(AAPL),
        SIM);
    long id = log.appendPrice(AAPL, SIM, "2");
    assertThat(Await.result(feed.step())).isEqualTo(Duration.ofMillis(50));
    assertThat(got).containsExactly(id);
  }

  @Test
  void step_readsAgainSoonWhileEventsWaitBehindAMissingId_thenAtTheUsualPace() {
    Await.result(feed.start());
    List<Long> got = new ArrayList<>();
    hub.subscribe(
        new LiveHub.Subscriber() {
          @Override
          public boolean wants(LiveEvent event) {
            return true;
          }

          @Override
          public void deliver(List<LiveEvent> events) {
            events.forEach(e -> got.add(e.id()));
          }
        },
        Set.of(AAPL),
        SIM);
    long open = log.begin();
    long later = log.appendPrice(AAPL, SIM, "2");

    assertThat(Await.result(feed.step()))
        .as("held behind the open id")
        .isEqualTo(LiveFeed.GAP_POLL);
    assertThat(got).isEmpty();

    log.commit(open, ScriptedLiveEventLog.priceEvent(open, AAPL, SIM, "1"));
    assertThat(Await.result(feed.step())).as("a full batch of 2: at once").isEqualTo(Duration.ZERO);
    assertThat(got).containsExactly(open, later);
    assertThat(Await.result(feed.step())).as("nothing held").isEqualTo(Duration.ofMillis(50));
  }
}
