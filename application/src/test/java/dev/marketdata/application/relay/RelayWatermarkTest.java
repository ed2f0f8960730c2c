package dev.marketdata.application.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.relay.RelayWatermark.Decision;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RelayWatermarkTest {
  private static final Instant T0 = Instant.parse("2024-03-20T10:30:00Z");
  private static final int LIMIT = 10;
  private final RelayWatermark watermark = new RelayWatermark();

  private static long[] ids(long... ids) {
    return ids;
  }

  @Test
  void givenNoTransactionRunning_aRead_makesWhatItSawFinalAtOnce() {
    // xmin = xnext: every xid handed out had ended when the snapshot was taken.
    Decision d = watermark.accept(10, ids(11, 12, 14), LIMIT, 100, 100, T0);

    assertThat(d).isEqualTo(new Decision(3, 14, false));
    assertThat(watermark.waitingSince()).isEmpty();
  }

  @Test
  void givenATransactionRunning_aRead_publishesNothingUntilALaterReadsXminPassesItsNextXid() {
    Decision first = watermark.accept(10, ids(12, 13), LIMIT, 95, 100, T0);
    assertThat(first).isEqualTo(new Decision(0, 10, true));
    assertThat(watermark.waitingSince()).contains(T0);

    // Still below 100: the transaction that may own id 11 could still commit.
    Decision second = watermark.accept(10, ids(12, 13, 15), LIMIT, 99, 104, T0.plusMillis(5));
    assertThat(second).isEqualTo(new Decision(0, 10, true));

    // xmin 100: every xid below the first read's next xid has ended; 11 came (or never will).
    Decision third = watermark.accept(10, ids(11, 12, 13, 15), LIMIT, 100, 106, T0.plusMillis(9));
    assertThat(third).isEqualTo(new Decision(3, 13, true));
    assertThat(watermark.waitingSince())
        .as("the read that first saw 15")
        .contains(T0.plusMillis(5));

    // The read that saw 15 is final once xmin reaches its 104.
    Decision fourth = watermark.accept(13, ids(15), LIMIT, 104, 107, T0.plusMillis(12));
    assertThat(fourth).isEqualTo(new Decision(1, 15, false));
    assertThat(watermark.waitingSince()).isEmpty();
  }

  @Test
  void givenAGapThatNeverFills_thePosition_movesPastItOnlyOnceFinal() {
    // 11 rolled back: it never appears, and the position passes it once 12 is final.
    watermark.accept(10, ids(12), LIMIT, 90, 100, T0);

    Decision d = watermark.accept(10, ids(12), LIMIT, 101, 101, T0.plusSeconds(60));

    assertThat(d).isEqualTo(new Decision(1, 12, false));
  }

  @Test
  void givenALongWait_nothing_isSkippedByTime() {
    watermark.accept(10, ids(12), LIMIT, 90, 100, T0);

    Decision d = watermark.accept(10, ids(12), LIMIT, 95, 130, T0.plusSeconds(3600));

    assertThat(d).isEqualTo(new Decision(0, 10, true));
    assertThat(watermark.waitingSince()).contains(T0);
  }

  @Test
  void givenAFullRead_thePosition_movesToTheLastRowPublishedNotToTheFinalId() {
    // A read that saw up to 40 is final; this one was cut by the limit at 13.
    watermark.accept(10, ids(11, 40), LIMIT, 90, 100, T0);

    Decision d = watermark.accept(10, ids(11, 12, 13), 3, 100, 100, T0);

    assertThat(d).isEqualTo(new Decision(3, 13, false));
    // Rows between 13 and 40 were not read yet: the next read starts at 13 and 40 stays final.
    assertThat(watermark.accept(13, ids(20, 40), 3, 100, 100, T0))
        .isEqualTo(new Decision(2, 40, false));
  }

  @Test
  void givenAFullReadNotAllFinal_thePosition_movesToTheFinalId() {
    watermark.accept(10, ids(11, 12), LIMIT, 90, 100, T0);

    Decision d = watermark.accept(10, ids(11, 12, 13), 3, 100, 105, T0);

    assertThat(d).isEqualTo(new Decision(2, 12, true));
  }

  @Test
  void givenAnEmptyRead_thePosition_staysAndNothingWaits() {
    assertThat(watermark.accept(10, ids(), LIMIT, 90, 100, T0))
        .isEqualTo(new Decision(0, 10, false));
    assertThat(watermark.waitingSince()).isEmpty();
  }
}
