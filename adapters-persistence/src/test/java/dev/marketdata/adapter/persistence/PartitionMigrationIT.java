package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.quote;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import dev.marketdata.domain.model.HistoryQuery;
import dev.marketdata.domain.model.MaintenanceReport;
import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RetentionPolicy;
import dev.marketdata.domain.model.Symbol;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Upgrading a database that version 3 of the schema filled to the partitioned tables of V6. */
@ExtendWith(PostgresExtension.class)
class PartitionMigrationIT {
  private static final String A = "00000000-0000-7000-8000-00000000000a";
  private static final String B = "00000000-0000-7000-8000-00000000000b";
  private static final String C = "00000000-0000-7000-8000-00000000000c";

  @Test
  void givenRowsStoredByVersion3_migrate_keepsThemAllReadableInPartitionedTables(
      PostgresDatabase db) throws SQLException {
    Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .locations("classpath:db/migration")
        .target("3")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement st = c.createStatement()) {
      // A: forty days old and published; B: now, waiting for the relay; C: now, with a quote time
      // three years ahead (stored before quote times were checked).
      st.execute(
          "INSERT INTO raw_market_data VALUES"
              + " ('"
              + A
              + "', 'AAPL', 'finnhub', 200, 'a'::bytea, 'application/json',"
              + " now() - interval '40 days'),"
              + " ('"
              + B
              + "', 'AAPL', 'finnhub', 200, 'b'::bytea, 'application/json', now()),"
              + " ('"
              + C
              + "', 'AAPL', 'finnhub', 200, 'c'::bytea, 'application/json', now())");
      st.execute(
          "INSERT INTO price_points (symbol, provider, price, quote_ts, fetched_at, raw_response_id)"
              + " VALUES ('AAPL', 'finnhub', 101, now() - interval '40 days',"
              + " now() - interval '40 days', '"
              + A
              + "'),"
              + " ('AAPL', 'finnhub', 102, now(), now(), '"
              + B
              + "'),"
              + " ('AAPL', 'finnhub', 103, now() + interval '3 years', now(), '"
              + C
              + "')");
      st.execute(
          "INSERT INTO outbox"
              + " (raw_response_id, symbol, provider, price, quote_ts, created_at, published_at)"
              + " VALUES ('"
              + A
              + "', 'AAPL', 'finnhub', 101, now() - interval '40 days',"
              + " now() - interval '40 days', now() - interval '2 hours'),"
              + " ('"
              + B
              + "', 'AAPL', 'finnhub', 102, now(), now(), NULL),"
              + " ('"
              + C
              + "', 'AAPL', 'finnhub', 103, now() + interval '3 years', now(), now())");
    }

    Migrations.migrate(db.jdbcUrl(), db.user(), db.password());

    try (PgTestStore store = PgTestStore.start(db)) {
      MarketDataPorts ports = PgTestStore.ports(store.pool);
      assertThat(store.partitions("raw_market_data"))
          .containsExactly("raw_market_data_default", "raw_market_data_legacy");
      assertThat(store.partitions("price_points"))
          .containsExactly("price_points_default", "price_points_legacy");
      assertThat(store.query("SELECT relkind::text FROM pg_class WHERE relname = 'price_points'"))
          .extracting(r -> r.getString(0))
          .containsExactly("p");
      assertThat(store.count("raw_market_data")).isEqualTo(3);
      assertThat(store.count("outbox")).isEqualTo(3);
      // The quote time ahead of the legacy partition's bound moved to the default partition.
      assertThat(store.query("SELECT tableoid::regclass::text FROM price_points ORDER BY quote_ts"))
          .extracting(r -> r.getString(0))
          .containsExactly("price_points_legacy", "price_points_legacy", "price_points_default");
      assertThat(result(ports.rawResponses().find(UUID.fromString(A)))).isPresent();
      List<PricePoint> history =
          result(
                  ports
                      .pricePoints()
                      .history(
                          new HistoryQuery(
                              Symbol.of("AAPL"),
                              ProviderId.FINNHUB,
                              HistoryQuery.EARLIEST,
                              HistoryQuery.LATEST,
                              10,
                              Optional.empty())))
              .prices();
      assertThat(history).extracting(p -> p.rawResponseId().toString()).containsExactly(C, B, A);
      // The relay starts just below B, the lowest unpublished row (V16); C, published above it,
      // goes out once more.
      assertThat(result(ports.outbox().unpublished(10)))
          .extracting(e -> e.event().rawResponseId().toString())
          .containsExactly(B, C);

      // New rows go on: the price ids continue after the old ones.
      Instant now = Instant.now();
      result(
          ports
              .ingestion()
              .ingest(quote(Symbol.of("AAPL"), ProviderId.FINNHUB, "104", now, UUID.randomUUID())));
      assertThat(store.query("SELECT max(id) FROM price_points").get(0).getLong(0)).isEqualTo(4L);

      // Maintenance prepares the days after the legacy partitions, whose bound is tomorrow, and
      // purges the published outbox row written longer than an hour ago.
      Instant legacyEnd = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
      RetentionPolicy policy =
          new RetentionPolicy(
              Optional.of(Duration.ofDays(30)),
              Optional.of(Duration.ofDays(30)),
              Optional.of(Duration.ofHours(1)));
      MaintenanceReport first = result(ports.maintenance().maintain(policy, now));

      assertThat(first.partitionsCreated()).isEqualTo(2 * PgStorageMaintenance.DAYS_AHEAD);
      assertThat(first.partitionsDropped()).isZero();
      assertThat(result(ports.outbox().unpublished(10))).extracting(OutboxEntry::id).hasSize(3);
      assertThat(store.count("outbox")).isEqualTo(3); // A's row went, the new one came

      // Thirty days after the legacy partitions' bound they are dropped whole.
      MaintenanceReport later =
          result(ports.maintenance().maintain(policy, legacyEnd.plus(Duration.ofDays(30))));

      assertThat(later.partitionsDropped()).isGreaterThanOrEqualTo(2);
      assertThat(store.partitions("raw_market_data")).doesNotContain("raw_market_data_legacy");
      assertThat(store.partitions("price_points")).doesNotContain("price_points_legacy");
      assertThat(result(ports.rawResponses().find(UUID.fromString(B)))).isEmpty();
    }
  }
}
