package dev.marketdata.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** V8 on a database that version 7 filled: both outboxes then draw ids from one sequence. */
@ExtendWith(PostgresExtension.class)
class LiveLogMigrationIT {
  @Test
  void givenRowsStoredByVersion7_migrate_continuesBothTablesPastEveryIdOnOneSequence(
      PostgresDatabase db) throws SQLException {
    Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .locations("classpath:db/migration")
        .target("7")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement st = c.createStatement()) {
      // Version 7 numbered each table on its own: prices 1-2, averages 1-4.
      insertPrice(st);
      insertPrice(st);
      for (int i = 0; i < 4; i++) {
        insertAverage(st);
      }

      Migrations.migrate(db.jdbcUrl(), db.user(), db.password());

      long average = insertAverage(st);
      long price = insertPrice(st);
      long nextAverage = insertAverage(st);
      assertThat(average).isEqualTo(5);
      assertThat(price).isEqualTo(6);
      assertThat(nextAverage).isEqualTo(7);
      assertThat(
              single(
                  st,
                  "SELECT is_identity FROM information_schema.columns"
                      + " WHERE table_name = 'average_outbox' AND column_name = 'id'"))
          .isEqualTo("NO");
      assertThat(
              single(
                  st,
                  "SELECT cache_size::text FROM pg_sequences WHERE sequencename = 'outbox_id_seq'"))
          .isEqualTo("1");
    }
  }

  private static long insertPrice(Statement st) throws SQLException {
    return Long.parseLong(
        single(
            st,
            "INSERT INTO outbox (raw_response_id, symbol, provider, price, quote_ts)"
                + " VALUES (gen_random_uuid(), 'AAPL', 'finnhub', 100, now()) RETURNING id::text"));
  }

  private static long insertAverage(Statement st) throws SQLException {
    return Long.parseLong(
        single(
            st,
            "INSERT INTO average_outbox (symbol, provider, window_size, value, sample_count, as_of)"
                + " VALUES ('AAPL', 'finnhub', 5, 100, 1, now()) RETURNING id::text"));
  }

  private static String single(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
