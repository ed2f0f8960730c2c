package dev.marketdata.application.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.LiveEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.testsupport.Await;
import dev.marketdata.testsupport.MutableClock;
import dev.marketdata.testsupport.ScriptedLiveEventLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
  void step_withoutSubscribers_readsNoEvents_andMovesToTheLastFinalFrontier() {
    Await.result(feed.start());
    for (int i = 0; i < 3; i++) {
      log.appendPrice(AAPL, SIM, "1");
    }

    assertThat(Await.result(feed.step())).as("idle").isEqualTo(Duration.ofMillis(500));
    assertThat(feed.position()).as("the first frontier is only noted").isZero();
    log.appendPrice(AAPL, SIM, "1");
    assertThat(Await.result(feed.step())).isEqualTo(Duration.ofMillis(500));
    assertThat(feed.position()).as("the previous frontier, final now").isEqualTo(3);
    assertThat(hub.position()).isEqualTo(3);
    assertThat(log.reads()).as("no event was read").isZero();
    assertThat(log.frontierReads()).isEqualTo(2);
  }

  @Test
  void step_withoutSubscribers_waitsForAFrontierHeldByAnOpenTransaction_untilTheGapCap() {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    LiveFeed feed = new LiveFeed(log, hub, settings, clock, LiveMetrics.NONE);
    Await.result(feed.start());
    long open = log.begin();
    long later = log.appendPrice(AAPL, SIM, "2");
    Await.result(feed.step());

    Await.result(feed.step());
    assertThat(feed.position()).as("id %d may still commit", open).isZero();
    log.appendPrice(AAPL, SIM, "3");
    Await.result(feed.step());
    assertThat(feed.position()).as("the older frontier is kept, not replaced").isZero();

    log.commit(open, ScriptedLiveEventLog.priceEvent(open, AAPL, SIM, "1"));
    Await.result(feed.step());
    assertThat(feed.position()).as("final once the transaction ended").isEqualTo(later);

    long stuck = log.begin();
    log.appendPrice(AAPL, SIM, "4");
    Await.result(feed.step());
    long seen = Await.result(log.frontier()).maxId();
    Await.result(feed.step());
    assertThat(feed.position()).as("held by id %d", stuck).isEqualTo(later + 1);
    clock.advance(Duration.ofSeconds(10));
    Await.result(feed.step());
    assertThat(feed.position()).as("skipped past at the gap cap").isEqualTo(seen);
    assertThat(log.reads()).isZero();
  }

  @Test
  void step_aSubscriberGetsEveryEventAboveThePositionItWasGiven() {
    Await.result(feed.start());
    List<Long> got = new ArrayList<>();
    log.appendPrice(AAPL, SIM, "1");
    Await.result(feed.step());
    log.appendPrice(AAPL, SIM, "1");
    Await.result(feed.step());
    assertThat(feed.position()).isEqualTo(1);

    long given = hub.subscribe(collecting(got), Set.of(AAPL), SIM);
    assertThat(hub.skipWhileUnsubscribed(5)).as("not while subscribed").isFalse();
    assertThat(hub.position()).isEqualTo(given);
    long next = log.appendPrice(AAPL, SIM, "2");
    assertThat(Await.result(feed.step())).as("a full batch of 2").isEqualTo(Duration.ZERO);
    assertThat(got).containsExactly(given + 1, next);
  }

  @Test
  void step_readsAgainAtOnceAfterAFullBatch() {
    Await.result(feed.start());
    List<Long> got = new ArrayList<>();
    hub.subscribe(collecting(got), Set.of(AAPL), SIM);
    for (int i = 0; i < 3; i++) {
      log.appendPrice(AAPL, SIM, "1");
    }

    assertThat(Await.result(feed.step())).as("full batch of 2").isEqualTo(Duration.ZERO);
    assertThat(Await.result(feed.step())).isEqualTo(Duration.ofMillis(50));
    assertThat(got).containsExactly(1L, 2L, 3L);
  }

  private static LiveHub.Subscriber collecting(List<Long> got) {
    return new LiveHub.Subscriber() {
      @Override
      public boolean wants(LiveEvent event) {
        return true;
      }

      @Override
      public void deliver(List<LiveEvent> events) {
        events.forEach(e -> got.add(e.id()));
      }
    };
  }

  @Test
  void step_readsAgainSoonWhileEventsWaitBehindAMissingId_thenAtTheUsualPace() {
    Await.result(feed.start());
    List<Long> got = new ArrayList<>();
    hub.subscribe(collecting(got), Set.of(AAPL), SIM);
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
