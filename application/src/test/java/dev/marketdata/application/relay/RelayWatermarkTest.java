package dev.marketdata.application.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.application.relay.RelayWatermark.Decision;
import dev.marketdata.domain.model.OutboxObservation;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The relay's bookkeeping of observations (ADR 0016): which it sends with the next read, where the
 * position moves given the final id a read returned, and whether it waits. Which observation a
 * snapshot makes final is decided in the read's own statement (the Pg*OutboxIT gap tests).
 */
class RelayWatermarkTest {
  private static final Instant T0 = Instant.parse("2024-03-20T10:30:00Z");
  private static final int LIMIT = 10;
  private final RelayWatermark watermark = new RelayWatermark();

  private static long[] ids(long... ids) {
    return ids;
  }

  private static OutboxObservation seen(long maxId, long xnext) {
    return new OutboxObservation(maxId, xnext);
  }

  @Test
  void givenARead_thatMadeItsOwnObservationFinal_thePosition_movesToItAndNothingWaits() {
    // Nothing was running (the statement found xnext = xmin): its own max id 14 is final.
    Decision d = watermark.accept(10, ids(11, 12, 14), LIMIT, 14, seen(14, 100), T0);

    assertThat(d).isEqualTo(new Decision(3, 14, false));
    assertThat(watermark.observations()).isEmpty();
    assertThat(watermark.waitingSince()).isEmpty();
  }

  @Test
  void givenANewMaxIdNotFinalYet_aRead_readsNothingAndKeepsTheObservationForTheNextRead() {
    Decision first = watermark.accept(10, ids(), LIMIT, 10, seen(13, 100), T0);

    assertThat(first).isEqualTo(new Decision(0, 10, true));
    assertThat(watermark.observations()).containsExactly(seen(13, 100));
    assertThat(watermark.waitingSince()).contains(T0);
  }

  @Test
  void givenTheFirstObservationFinalAndANewerNot_aRead_movesToTheFinalOneAndKeepsTheNewer() {
    watermark.accept(10, ids(), LIMIT, 10, seen(13, 100), T0);
    // Still below 100 for the read's snapshot: nothing final, but 15 is a newer observation.
    watermark.accept(10, ids(), LIMIT, 10, seen(15, 104), T0.plusMillis(5));
    assertThat(watermark.observations()).containsExactly(seen(13, 100), seen(15, 104));

    // xmin reached 100, not 104: the read returned (10, 13], 11 included (it committed meanwhile).
    Decision third =
        watermark.accept(10, ids(11, 12, 13), LIMIT, 13, seen(16, 106), T0.plusMillis(9));

    assertThat(third).isEqualTo(new Decision(3, 13, true));
    assertThat(watermark.observations()).containsExactly(seen(15, 104), seen(16, 106));
    assertThat(watermark.waitingSince())
        .as("the read that first saw 15")
        .contains(T0.plusMillis(5));

    // The next read starts at 13 and returns (13, 16] once its xmin reaches 106.
    Decision fourth =
        watermark.accept(13, ids(15, 16), LIMIT, 16, seen(16, 107), T0.plusMillis(12));
    assertThat(fourth).isEqualTo(new Decision(2, 16, false));
    assertThat(watermark.observations()).isEmpty();
  }

  @Test
  void givenAnObservationNoHigherThanTheLast_aRead_addsNoneSoTheFirstSightIsKept() {
    watermark.accept(10, ids(), LIMIT, 10, seen(13, 100), T0);

    watermark.accept(10, ids(), LIMIT, 10, seen(13, 120), T0.plusSeconds(1));

    assertThat(watermark.observations()).containsExactly(seen(13, 100));
    assertThat(watermark.waitingSince()).contains(T0);
  }

  @Test
  void givenAGapThatNeverFills_thePosition_movesPastItOnceFinal() {
    // 11 rolled back: it never appears; the read that makes 12 final returns 12 alone.
    watermark.accept(10, ids(), LIMIT, 10, seen(12, 100), T0);

    Decision d = watermark.accept(10, ids(12), LIMIT, 12, seen(12, 101), T0.plusSeconds(60));

    assertThat(d).isEqualTo(new Decision(1, 12, false));
  }

  @Test
  void givenALongWait_nothing_isSkippedByTime() {
    watermark.accept(10, ids(), LIMIT, 10, seen(12, 100), T0);

    Decision d = watermark.accept(10, ids(), LIMIT, 10, seen(12, 130), T0.plusSeconds(3600));

    assertThat(d).isEqualTo(new Decision(0, 10, true));
    assertThat(watermark.waitingSince()).contains(T0);
    assertThat(watermark.observations()).containsExactly(seen(12, 100));
  }

  @Test
  void givenAReadCutByTheLimit_thePosition_movesToTheLastRowReturnedNotToTheFinalId() {
    watermark.accept(10, ids(), LIMIT, 10, seen(40, 100), T0);

    Decision d = watermark.accept(10, ids(11, 12, 13), 3, 40, seen(41, 105), T0);

    assertThat(d)
        .as("pending, not waiting: final rows are still to read")
        .isEqualTo(new Decision(3, 13, false));
    // Rows in (13, 40] were not read yet: 40 is still sent, so the next read gets them.
    assertThat(watermark.observations()).containsExactly(seen(40, 100), seen(41, 105));
    assertThat(watermark.accept(13, ids(20, 40), 3, 40, seen(41, 105), T0))
        .isEqualTo(new Decision(2, 40, true));
    assertThat(watermark.observations()).containsExactly(seen(41, 105));
  }

  @Test
  void givenAnEmptyOutbox_thePosition_staysAndNothingWaits() {
    assertThat(watermark.accept(10, ids(), LIMIT, 10, seen(0, 100), T0))
        .isEqualTo(new Decision(0, 10, false));
    assertThat(watermark.accept(10, ids(), LIMIT, 10, seen(10, 100), T0))
        .as("the max id is the position: nothing above it")
        .isEqualTo(new Decision(0, 10, false));
    assertThat(watermark.observations()).isEmpty();
  }

  @Test
  void givenManyObservationsNoneFinal_theNewest_isReplacedSoTheListStaysBounded() {
    for (int i = 1; i <= RelayWatermark.MAX_OBSERVATIONS + 5; i++) {
      watermark.accept(10, ids(), LIMIT, 10, seen(10 + i, 100 + i), T0.plusMillis(i));
    }

    assertThat(watermark.observations()).hasSize(RelayWatermark.MAX_OBSERVATIONS);
    assertThat(watermark.observations().get(0)).isEqualTo(seen(11, 101));
    long newest = 10 + RelayWatermark.MAX_OBSERVATIONS + 5;
    assertThat(watermark.observations().get(RelayWatermark.MAX_OBSERVATIONS - 1))
        .isEqualTo(seen(newest, 100 + newest - 10));
  }

  @Test
  void givenAFinalIdBelowThePosition_accept_refusesIt() {
    assertThatThrownBy(() -> watermark.accept(10, ids(), LIMIT, 9, seen(12, 100), T0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
