package dev.marketdata.application.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.LiveEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.testsupport.Await;
import dev.marketdata.testsupport.MutableClock;
import dev.marketdata.testsupport.ScriptedLiveEventLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveCursorTest {
  private static final Symbol AAPL = Symbol.of("AAPL");
  private static final ProviderId SIM = ProviderId.SIMULATED;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final ScriptedLiveEventLog log = new ScriptedLiveEventLog(clock);
  private final List<String> skips = new ArrayList<>();
  private final LiveCursor cursor =
      new LiveCursor(
          0,
          clock,
          Duration.ofSeconds(10),
          new LiveMetrics() {
            @Override
            public void gapSkipped(long fromId, long toId, Duration waited) {
              skips.add(fromId + ".." + toId);
            }
          });

  private List<Long> read() {
    return cursor.accept(Await.result(log.readAfter(cursor.position(), 100))).stream()
        .map(LiveEvent::id)
        .toList();
  }

  @Test
  void givenContiguousIds_accept_deliversThemAllInOrder() {
    log.appendPrice(AAPL, SIM, "1");
    log.appendAverage(AAPL, SIM, 5, "1");
    log.appendPrice(AAPL, SIM, "2");

    assertThat(read()).containsExactly(1L, 2L, 3L);
    assertThat(cursor.position()).isEqualTo(3);
    assertThat(read()).isEmpty();
  }

  @Test
  void givenAnOpenTransactionBelowACommittedId_accept_holdsUntilItCommits() {
    long open = log.begin();
    log.appendPrice(AAPL, SIM, "2");

    assertThat(read()).as("id 2 waits for id 1").isEmpty();
    assertThat(cursor.position()).isZero();

    log.commit(open, ScriptedLiveEventLog.priceEvent(open, AAPL, SIM, "1"));
    assertThat(read()).containsExactly(1L, 2L);
    assertThat(skips).isEmpty();
  }

  @Test
  void givenTheGapRolledBack_accept_skipsItOnceEveryOlderTransactionEnded() {
    long open = log.begin();
    log.appendPrice(AAPL, SIM, "2");
    assertThat(read()).isEmpty();

    log.rollback(open);
    log.appendPrice(AAPL, SIM, "3");

    assertThat(read())
        .as("the later read's xmin passed the first read's xmax")
        .containsExactly(2L, 3L);
    assertThat(skips).as("a final gap is no skip").isEmpty();
  }

  @Test
  void givenAnOtherTransactionStillOpen_aRolledBackGap_isHeldUntilThatOneEnds() {
    long rolledBack = log.begin();
    long stillOpen = log.begin();
    log.appendPrice(AAPL, SIM, "3");
    assertThat(read()).isEmpty();
    log.rollback(rolledBack);

    assertThat(read()).as("id 2's transaction may still commit").isEmpty();

    log.commit(stillOpen, ScriptedLiveEventLog.priceEvent(stillOpen, AAPL, SIM, "2"));
    assertThat(read()).containsExactly(2L, 3L);
  }

  @Test
  void givenAGapOpenLongerThanTheCap_accept_skipsItAndReportsIt() {
    log.begin(); // never ends
    log.appendPrice(AAPL, SIM, "2");
    assertThat(read()).isEmpty();
    clock.advance(Duration.ofSeconds(9));
    assertThat(read()).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    assertThat(read()).containsExactly(2L);
    assertThat(skips).containsExactly("1..1");
    assertThat(cursor.position()).isEqualTo(2);
  }

  @Test
  void givenAGapSeenLaterThanAnother_theCap_countsFromWhenEachWasFirstSeen() {
    log.begin(); // id 1, never ends
    log.appendPrice(AAPL, SIM, "2");
    assertThat(read()).isEmpty();
    clock.advance(Duration.ofSeconds(5));
    log.begin(); // id 3, never ends
    log.appendPrice(AAPL, SIM, "4");
    assertThat(read()).isEmpty();

    clock.advance(Duration.ofSeconds(5));
    assertThat(read()).as("id 1 is capped, id 3 not yet").containsExactly(2L);
    clock.advance(Duration.ofSeconds(5));
    assertThat(read()).containsExactly(4L);
    assertThat(skips).containsExactly("1..1", "3..3");
  }
}
