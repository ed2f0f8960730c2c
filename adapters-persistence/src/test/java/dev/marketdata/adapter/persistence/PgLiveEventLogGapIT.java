package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.T0;
import static dev.marketdata.testsupport.Samples.event;
import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.LiveBatch;
import dev.marketdata.domain.model.LiveEvent;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.testsupport.Await;
import io.vertx.sqlclient.Row;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gap rule of ADR 0012 against real concurrent transactions: a missing id below a visible one
 * belongs to a transaction whose xid is below the read's {@code snapshotXmax}, so it is final only
 * once a later read's {@code snapshotXmin} reaches that bound.
 */
@ExtendWith(PgStoreExtension.class)
class PgLiveEventLogGapIT {
  private static PgTestStore store;
  private PgLiveEventLog log;

  @BeforeAll
  static void start(PgTestStore shared) {
    store = shared;
  }

  @BeforeEach
  void empty() {
    store.emptyPorts();
    log = new PgLiveEventLog(store.pool);
  }

  @Test
  void givenAnEarlierIdStillOpen_readAfter_showsTheLaterOneAndBoundsThatHoldTheGapUntilItCommits()
      throws SQLException {
    try (LogWriter a = new LogWriter(store.database);
        LogWriter b = new LogWriter(store.database)) {
      long xidA = a.xid();
      long gap = a.price("AAPL");
      b.xid();
      long later = b.average("AAPL");
      b.commit();

      LiveBatch first = result(log.readAfter(0, 100));
      assertThat(first.events()).extracting(LiveEvent::id).containsExactly(later);
      assertThat(gap).isLessThan(later);
      // The gap's owner is running as far as this snapshot can tell, and below its bound.
      assertThat(first.snapshotXmin()).isLessThanOrEqualTo(xidA);
      assertThat(xidA).isLessThan(first.snapshotXmax());

      LiveBatch whileOpen = result(log.readAfter(0, 100));
      assertThat(whileOpen.snapshotXmin()).isLessThan(first.snapshotXmax());

      a.commit();
      LiveBatch after = result(log.readAfter(0, 100));
      assertThat(after.events()).extracting(LiveEvent::id).containsExactly(gap, later);
      assertThat(after.snapshotXmin()).isGreaterThanOrEqualTo(first.snapshotXmax());
    }
  }

  @Test
  void givenTheGapsOwnerRollsBack_aLaterRead_reachesTheFirstReadsBoundSoTheGapIsFinal()
      throws SQLException {
    try (LogWriter a = new LogWriter(store.database);
        LogWriter b = new LogWriter(store.database)) {
      a.xid();
      long gap = a.average("MSFT");
      b.xid();
      long later = b.price("MSFT");
      b.commit();
      LiveBatch first = result(log.readAfter(0, 100));

      a.rollback();
      LiveBatch after = result(log.readAfter(0, 100));

      assertThat(first.events()).extracting(LiveEvent::id).containsExactly(later);
      assertThat(after.events())
          .extracting(LiveEvent::id)
          .containsExactly(later)
          .doesNotContain(gap);
      assertThat(after.snapshotXmin()).isGreaterThanOrEqualTo(first.snapshotXmax());
    }
  }

  /**
   * The case PostgreSQL's own snapshot xmax gets wrong: the committed writer took its xid first,
   * the gap's owner its xid later but its id first. xmax is one past the latest completed xid, so
   * it equals the owner's xid; a later read's xmin reaches it while the owner is still open.
   */
  @Test
  void givenTheGapsOwnerTookItsXidAfterTheCommittedWriter_theBound_stillCoversIt()
      throws SQLException {
    try (LogWriter visible = new LogWriter(store.database);
        LogWriter owner = new LogWriter(store.database)) {
      visible.xid();
      long ownerXid = owner.xid();
      long gap = owner.price("NVDA");
      long seen = visible.price("NVDA");
      visible.commit();

      LiveBatch first = result(log.readAfter(0, 100));
      LiveBatch whileOpen = result(log.readAfter(0, 100));
      long pgXmax =
          store
              .query("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint")
              .get(0)
              .getLong(0);

      assertThat(first.events()).extracting(LiveEvent::id).containsExactly(seen);
      assertThat(pgXmax)
          .as("PostgreSQL's xmax does not cover the owner")
          .isLessThanOrEqualTo(ownerXid);
      assertThat(ownerXid).isLessThan(first.snapshotXmax());
      assertThat(whileOpen.snapshotXmin()).isLessThan(first.snapshotXmax());

      owner.commit();
      assertThat(result(log.readAfter(0, 100)).events())
          .extracting(LiveEvent::id)
          .containsExactly(gap, seen);
    }
  }

  @Test
  void givenAveragesTransactionWaitingForItsLock_itAlreadyHoldsAnXid_beforeItDrawsIds()
      throws SQLException {
    Symbol symbol = uniqueSymbol();
    try (Connection holder =
            DriverManager.getConnection(
                store.database.jdbcUrl(), store.database.user(), store.database.password());
        Statement st = holder.createStatement()) {
      st.execute("SELECT pg_advisory_lock(hashtextextended('" + symbol.value() + "|finnhub', 0))");
      CompletionStage<List<MovingAverage>> applied =
          new PgMovingAverageRepository(store.pool)
              .apply(List.of(event(symbol, "10", T0)), Set.of(5));

      Await.until("the averages transaction waits for its lock", () -> !waiters().isEmpty());
      assertThat(waiters())
          .as("xid of the waiting averages transaction")
          .allSatisfy(xid -> assertThat(xid).isNotNull());

      st.execute("SELECT pg_advisory_unlock_all()");
      assertThat(result(applied)).hasSize(1);
    }
  }

  private static List<String> waiters() {
    return store
        .query(
            "SELECT backend_xid::text FROM pg_stat_activity"
                + " WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'")
        .stream()
        .map((Row r) -> r.getString(0))
        .toList();
  }
}
