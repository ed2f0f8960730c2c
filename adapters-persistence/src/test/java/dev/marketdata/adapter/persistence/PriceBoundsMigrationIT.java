package dev.marketdata.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Upgrading a database that version 1 of the schema filled. */
@ExtendWith(PostgresExtension.class)
class PriceBoundsMigrationIT {
  @Test
  void givenPricesWithFloatNoiseStoredByVersion1_migrate_roundsThemToTenDecimalsEverywhere(
      PostgresDatabase db) throws SQLException {
    Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .locations("classpath:db/migration")
        .target("1")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO raw_market_data VALUES"
              + " ('00000000-0000-7000-8000-000000000001', 'EURUSD=X', 'yahoo', 200, ''::bytea,"
              + " 'application/json', now()),"
              + " ('00000000-0000-7000-8000-000000000002', 'AAPL', 'finnhub', 200, ''::bytea,"
              + " 'application/json', now())");
      st.execute(
          "INSERT INTO price_points (symbol, provider, price, quote_ts, fetched_at, raw_response_id)"
              + " VALUES ('EURUSD=X', 'yahoo', 1.0845986604690552, now(), now(),"
              + " '00000000-0000-7000-8000-000000000001'),"
              + " ('AAPL', 'finnhub', 150.25, now(), now(), '00000000-0000-7000-8000-000000000002')");
      st.execute(
          "INSERT INTO outbox (raw_response_id, symbol, provider, price, quote_ts) VALUES"
              + " ('00000000-0000-7000-8000-000000000001', 'EURUSD=X', 'yahoo', 1.0845986604690552,"
              + " now())");
      st.execute(
          "INSERT INTO symbol_averages (symbol, provider, window_size, value, sample_count,"
              + " window_prices, last_raw_response_id, as_of) VALUES ('EURUSD=X', 'yahoo', 5,"
              + " 1.0845986604690552, 1, '[{\"raw_response_id\":\"00000000-0000-7000-8000-000000000001\","
              + "\"price\":\"1.0845986604690552\",\"timestamp\":\"2024-03-20T10:30:00Z\"},"
              + "{\"raw_response_id\":\"00000000-0000-7000-8000-000000000002\",\"price\":\"150.25\","
              + "\"timestamp\":\"2024-03-20T10:30:01Z\"}]', '00000000-0000-7000-8000-000000000001', now())");
    }

    // V2 and every later one (outbox claims, fetch leases, ...: they leave these rows as they are,
    // V17 moves the window into arrays; counted as "at least", so a branch adding a migration need
    // not edit this test).
    assertThat(Migrations.migrate(db.jdbcUrl(), db.user(), db.password()))
        .isGreaterThanOrEqualTo(2);

    assertThat(text(db, "SELECT price FROM price_points ORDER BY symbol"))
        .containsExactly("150.25", "1.0845986605");
    assertThat(text(db, "SELECT price FROM outbox")).containsExactly("1.0845986605");
    assertThat(
            text(
                db,
                "SELECT p::text FROM symbol_averages, unnest(window_prices) WITH ORDINALITY"
                    + " AS w(p, n) ORDER BY n"))
        .containsExactly("1.0845986605", "150.25");
    assertThat(text(db, "SELECT value FROM symbol_averages")).containsExactly("1.0845986604690552");
  }

  private static List<String> text(PostgresDatabase db, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
