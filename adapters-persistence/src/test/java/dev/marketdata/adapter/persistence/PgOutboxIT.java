package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.application.contract.OutboxContract;
import dev.marketdata.application.relay.RelayOutboxService;
import dev.marketdata.application.relay.RelayOutboxSettings;
import dev.marketdata.application.relay.RelayStep;
import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.port.PriceEventPublisher;
import dev.marketdata.testsupport.Await;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
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
