package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.application.contract.OutboxContract;
import dev.marketdata.application.relay.RelayOutboxService;
import dev.marketdata.application.relay.RelayOutboxSettings;
import dev.marketdata.application.relay.RelayStep;
import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.model.OutboxObservation;
import dev.marketdata.domain.model.OutboxRead;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.port.Outbox;
import dev.marketdata.domain.port.PriceEventPublisher;
import dev.marketdata.testsupport.Await;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outbox contract against PostgreSQL, and the gap rule (ADR 0012, 0016) against real concurrent
 * transactions: a relay never moves its position past an id whose transaction is still open,
 * however long it waits.
 */
@ExtendWith(PgStoreExtension.class)
class PgOutboxIT extends OutboxContract {
  private final PgTestStore store;

  PgOutboxIT(PgTestStore store) {
    this.store = store;
  }

  @Override
  protected MarketDataPorts emptyStore() {
    return store.emptyPorts();
  }

  @Test
  void givenALowerIdStillOpen_relay_waitsForItThenPublishesBothInIdOrder() throws SQLException {
    Ids published = new Ids();
    RelayOutboxService relay = relay(published);
    try (LogWriter open = new LogWriter(store.database);
        LogWriter committed = new LogWriter(store.database)) {
      open.xid();
      long gap = open.price("AAPL");
      committed.xid();
      long later = committed.price("AAPL");
      committed.commit();

      // However often it steps, the relay publishes nothing past the open transaction's id...
      for (int i = 0; i < 20; i++) {
        RelayStep step = result(relay.relayBatch());
        assertThat(step.published()).isZero();
      }
      assertThat(published.ids).isEmpty();
      assertThat(result(ports.outbox().depth())).isEqualTo(1L);

      // ...and publishes it, then the later one, once it commits.
      open.commit();
      Await.until("both rows published", () -> published.ids.size() == 2 || stepped(relay));
      assertThat(published.ids).containsExactly(gap, later);
      assertThat(result(ports.outbox().depth())).isZero();
    }
  }

  @Test
  void givenTheLowerIdsTransactionRollsBack_relay_publishesTheRestAndPassesTheGap()
      throws SQLException {
    Ids published = new Ids();
    RelayOutboxService relay = relay(published);
    try (LogWriter open = new LogWriter(store.database);
        LogWriter committed = new LogWriter(store.database)) {
      open.xid();
      long gap = open.price("MSFT");
      committed.xid();
      long later = committed.price("MSFT");
      committed.commit();
      assertThat(result(relay.relayBatch()).published()).isZero();

      open.rollback();
      Await.until("the later row published", () -> published.ids.size() == 1 || stepped(relay));

      assertThat(published.ids).containsExactly(later).doesNotContain(gap);
      assertThat(result(ports.outbox().depth())).isZero();
    }
  }

  @Test
  void givenALowerIdStillOpen_readFinal_readsNoRowAndReturnsOnlyRowsUpToAFinalObservation()
      throws SQLException {
    try (LogWriter open = new LogWriter(store.database);
        LogWriter committed = new LogWriter(store.database)) {
      open.xid();
      open.price("AAPL");
      committed.xid();
      long first = committed.price("AAPL");
      committed.price("AAPL");
      long last = committed.price("AAPL");
      committed.commit();

      // The open transaction holds xmin below this read's next xid: nothing it saw is final.
      OutboxRead<OutboxEntry> read = result(ports.outbox().readFinal(0, List.of(), 10));
      assertThat(read.entries()).isEmpty();
      assertThat(read.finalId()).isZero();
      assertThat(read.maxId()).isEqualTo(last);
      assertThat(read.snapshotXmin()).isLessThan(read.snapshotXnext());

      // An observation the snapshot makes final (its next xid at or below xmin) bounds the rows.
      OutboxRead<OutboxEntry> bounded =
          result(ports.outbox().readFinal(0, List.of(new OutboxObservation(first, 1)), 10));
      assertThat(bounded.finalId()).isEqualTo(first);
      assertThat(bounded.entries()).extracting(OutboxEntry::id).containsExactly(first);
      open.rollback();
    }
  }

  @Test
  void givenWritersCommittingOutOfIdOrder_aRelayRun_readsEachRowOnceAndPublishesItOnce()
      throws SQLException {
    Ids published = new Ids();
    CountingOutbox counting = new CountingOutbox(ports.outbox());
    RelayOutboxService relay =
        new RelayOutboxService(
            counting,
            published,
            Clock.systemUTC(),
            new RelayOutboxSettings(100, Duration.ofMinutes(1), "relay-a"));
    List<Long> written = new ArrayList<>();
    try (LogWriter slow = new LogWriter(store.database);
        LogWriter fast = new LogWriter(store.database)) {
      for (int i = 0; i < 30; i++) {
        // A lower id whose transaction is still open while a higher one commits: a relay that read
        // every row above its position would read the higher one again on every step until then.
        slow.xid();
        written.add(slow.price("AAPL"));
        fast.xid();
        written.add(fast.price("MSFT"));
        fast.commit();
        result(relay.relayBatch());
        result(relay.relayBatch());
        slow.commit();
        result(relay.relayBatch());
      }
    }
    Await.until("every row published", () -> published.ids.size() >= 60 || stepped(relay));

    assertThat(published.ids).containsExactlyElementsOf(written.stream().sorted().toList());
    assertThat(counting.rowsRead.get()).as("rows the outbox returned").isEqualTo(60);
    assertThat(result(ports.outbox().depth())).isZero();
  }

  /** Steps once; false, so {@link Await#until} keeps stepping until its own condition holds. */
  private static boolean stepped(RelayOutboxService relay) {
    result(relay.relayBatch());
    return false;
  }

  private RelayOutboxService relay(PriceEventPublisher publisher) {
    return new RelayOutboxService(
        ports.outbox(),
        publisher,
        Clock.systemUTC(),
        new RelayOutboxSettings(100, Duration.ofMinutes(1), "relay-a"));
  }

  /** The outbox, counting the rows its reads returned. */
  private static final class CountingOutbox implements Outbox {
    final AtomicLong rowsRead = new AtomicLong();
    private final Outbox outbox;

    CountingOutbox(Outbox outbox) {
      this.outbox = outbox;
    }

    @Override
    public CompletionStage<OptionalLong> lead(String owner, Duration lease) {
      return outbox.lead(owner, lease);
    }

    @Override
    public CompletionStage<OutboxRead<OutboxEntry>> readFinal(
        long position, List<OutboxObservation> observations, int limit) {
      return outbox
          .readFinal(position, observations, limit)
          .thenApply(
              read -> {
                rowsRead.addAndGet(read.entries().size());
                return read;
              });
    }

    @Override
    public CompletionStage<Boolean> advance(String owner, long from, long to, Duration lease) {
      return outbox.advance(owner, from, to, lease);
    }

    @Override
    public CompletionStage<Void> resign(String owner) {
      return outbox.resign(owner);
    }

    @Override
    public CompletionStage<List<OutboxEntry>> unpublished(int limit) {
      return outbox.unpublished(limit);
    }

    @Override
    public CompletionStage<Long> depth() {
      return outbox.depth();
    }
  }

  /** A broker that keeps the ids of what it was given, in order. */
  private static final class Ids implements PriceEventPublisher {
    final List<Long> ids = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Void> publish(List<PriceEvent> events) {
      throw new UnsupportedOperationException("the relay publishes stored entries");
    }

    @Override
    public CompletionStage<Void> publishStored(List<OutboxEntry> entries) {
      entries.forEach(e -> ids.add(e.id()));
      return CompletableFuture.completedFuture(null);
    }
  }
}
