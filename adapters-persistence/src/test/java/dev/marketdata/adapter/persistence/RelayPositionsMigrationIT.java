package dev.marketdata.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Upgrading outboxes that the claiming relays (V3 to V15) filled to the relay positions of V16. */
@ExtendWith(PostgresExtension.class)
class RelayPositionsMigrationIT {
  @Test
  void givenOutboxesOfTheClaimingRelays_V16_startsEachPositionJustBelowItsLowestUnpublishedRow(
      PostgresDatabase db) throws SQLException {
    Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .locations("classpath:db/migration")
        .target("15")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement st = c.createStatement()) {
      // Prices 1-5: published, published, claimed but not published (a batch in flight),
      // waiting, published (above the lowest waiting one). Averages 6-7: both published.
      st.execute(
          "INSERT INTO outbox (raw_response_id, symbol, provider, price, quote_ts, published_at,"
              + " claimed_by, claim_expires_at) VALUES"
              + " (gen_random_uuid(), 'AAPL', 'finnhub', 1, now(), now(), 'old', now()),"
              + " (gen_random_uuid(), 'AAPL', 'finnhub', 2, now(), now(), 'old', now()),"
              + " (gen_random_uuid(), 'AAPL', 'finnhub', 3, now(), NULL, 'old',"
              + " now() + interval '1 minute'),"
              + " (gen_random_uuid(), 'AAPL', 'finnhub', 4, now(), NULL, NULL, NULL),"
              + " (gen_random_uuid(), 'AAPL', 'finnhub', 5, now(), now(), 'old', now())");
      st.execute(
          "INSERT INTO average_outbox (symbol, provider, window_size, value, sample_count, as_of,"
              + " published_at) VALUES ('AAPL', 'finnhub', 5, 1, 1, now(), now()),"
              + " ('AAPL', 'finnhub', 5, 2, 2, now(), now())");
    }

    Migrations.migrate(db.jdbcUrl(), db.user(), db.password());

    Map<String, Long> positions = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT outbox, position, holder IS NULL FROM relay_positions")) {
      while (rs.next()) {
        positions.put(rs.getString(1), rs.getLong(2));
        assertThat(rs.getBoolean(3)).as("no relay leads yet").isTrue();
      }
    }
    // Prices: below the claimed row 3 (5 goes out again); averages: past both; bars: empty.
    assertThat(positions)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("outbox", 2L, "average_outbox", 7L, "bar_outbox", 0L));
  }
}
