package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.failure;
import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.T0;
import static dev.marketdata.testsupport.Samples.quote;
import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.domain.failure.DependencyUnavailable;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.testsupport.TcpPorts;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An ingest that fails part-way leaves nothing behind; an unreachable server is reported. */
@ExtendWith(PgStoreExtension.class)
class PgIngestionFailureIT {
  private static PgTestStore store;
  private MarketDataPorts ports;

  @BeforeAll
  static void start(PgTestStore shared) {
    store = shared;
  }

  @BeforeEach
  void empty() {
    ports = store.emptyPorts();
  }

  private void assertNoRows() {
    assertThat(store.count("raw_market_data")).isZero();
    assertThat(store.count("price_points")).isZero();
    assertThat(store.count("outbox")).isZero();
  }

  @Test
  void givenOutboxInsertFails_ingest_failsAndLeavesNoOrphanRawOrPriceRow() {
    // The third statement of the transaction fails, after raw and price rows were inserted.
    store.execute(
        "CREATE FUNCTION fail_outbox() RETURNS trigger LANGUAGE plpgsql AS"
            + " $$ BEGIN RAISE EXCEPTION 'forced outbox failure'; END $$;"
            + " CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox"
            + " FOR EACH ROW EXECUTE FUNCTION fail_outbox()");
    try {
      Throwable failure = failure(ports.ingestion().ingest(quote(uniqueSymbol(), "1.5", T0)));

      assertThat(failure).hasMessageContaining("forced outbox failure");
      assertNoRows();
    } finally {
      store.execute("DROP TRIGGER fail_outbox ON outbox; DROP FUNCTION fail_outbox()");
    }
  }

  @Test
  void givenDuplicateRawIdForAnotherSymbol_ingest_failsAndAddsNoRow() {
    UUID rawId = UUID.randomUUID();
    Symbol first = uniqueSymbol();
    result(ports.ingestion().ingest(quote(first, ProviderId.FINNHUB, "2", T0, rawId)));
    FetchedQuote clash = quote(uniqueSymbol(), ProviderId.YAHOO, "3", T0.plusSeconds(1), rawId);

    assertThat(failure(ports.ingestion().ingest(clash))).isInstanceOf(InvalidInput.class);

    assertThat(store.count("raw_market_data")).isEqualTo(1);
    assertThat(store.count("price_points")).isEqualTo(1);
    assertThat(store.count("outbox")).isEqualTo(1);
    assertThat(store.query("SELECT symbol FROM raw_market_data").get(0).getString(0))
        .isEqualTo(first.value());
  }

  @Test
  void givenNoServerOnThePort_ingestAndReads_failWithDependencyUnavailable() {
    int closedPort = TcpPorts.free();
    PgConnectionConfig nowhere =
        PgConnectionConfig.fromUrl("postgresql://postgres@127.0.0.1:" + closedPort + "/none", 1);
    Pool pool = PgPools.open(store.vertx, nowhere);
    try {
      MarketDataPorts unreachable = PgTestStore.ports(pool);

      assertThat(failure(unreachable.ingestion().ingest(quote(uniqueSymbol(), "1", T0))))
          .isInstanceOfSatisfying(
              DependencyUnavailable.class, e -> assertThat(e.dependency()).isEqualTo("postgresql"));
      assertThat(failure(unreachable.outbox().depth())).isInstanceOf(DependencyUnavailable.class);
    } finally {
      result(pool.close().toCompletionStage());
    }
  }

  @Test
  void givenNoServerOnThePort_migrate_failsWithDependencyUnavailable() {
    int closedPort = TcpPorts.free();
    Throwable failure =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> Migrations.migrate("jdbc:postgresql://127.0.0.1:" + closedPort + "/x", "u", ""));

    assertThat(failure).isInstanceOf(DependencyUnavailable.class);
  }

  @Test
  void givenNoPoolConnectionFreeWithinTheWait_ingest_failsWithDependencyUnavailable() {
    Pool oneConnection =
        PgBuilder.pool()
            .with(
                new PoolOptions()
                    .setMaxSize(1)
                    .setConnectionTimeout(200)
                    .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
            .connectingTo(store.config.connectOptions())
            .using(store.vertx)
            .build();
    SqlConnection held = result(oneConnection.getConnection().toCompletionStage());
    try {
      Throwable failure =
          failure(
              new PgIngestionRepository(oneConnection).ingest(quote(uniqueSymbol(), "1.5", T0)));

      assertThat(failure).isInstanceOf(DependencyUnavailable.class);
    } finally {
      held.close();
      oneConnection.close();
    }
  }
}
