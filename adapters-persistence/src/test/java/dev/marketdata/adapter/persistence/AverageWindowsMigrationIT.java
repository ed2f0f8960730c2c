package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.Symbol;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Upgrading windows that the jsonb releases (V1 to V16) stored to the arrays of V17. */
@ExtendWith(PostgresExtension.class)
class AverageWindowsMigrationIT {
  private static final String ID = "00000000-0000-7000-8000-00000000000";

  @Test
  void givenJsonbWindow_V17_keepsItsEventsInOrderWithTheirScaleAndMicroseconds(PostgresDatabase db)
      throws SQLException {
    Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .locations("classpath:db/migration")
        .target("16")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO symbol_averages (symbol, provider, window_size, value, sample_count,"
              + " window_prices, last_raw_response_id, as_of) VALUES ('AAPL', 'finnhub', 3,"
              + " 83.36670780, 3, '["
              + "{\"raw_response_id\":\""
              + ID
              + "1\",\"price\":\"100.10\",\"timestamp\":\"2024-03-20T10:30:00.123456Z\"},"
              + "{\"raw_response_id\":\""
              + ID
              + "2\",\"price\":\"0.00012340\",\"timestamp\":\"2024-03-20T10:30:01Z\"},"
              + "{\"raw_response_id\":\""
              + ID
              + "3\",\"price\":\"150\",\"timestamp\":\"2024-03-20T10:30:02.5Z\"}]',"
              + " '"
              + ID
              + "3', '2024-03-20T10:30:02.5Z')");
    }

    try (PgTestStore store = PgTestStore.start(db)) {
      assertThat(
              store
                  .query(
                      "SELECT window_ids::text, window_prices::text,"
                          + " window_times = ARRAY['2024-03-20T10:30:00.123456Z',"
                          + " '2024-03-20T10:30:01Z', '2024-03-20T10:30:02.5Z']::timestamptz[],"
                          + " (SELECT reloptions::text FROM pg_class"
                          + " WHERE relname = 'symbol_averages')"
                          + " FROM symbol_averages")
                  .stream()
                  .map(
                      r ->
                          r.getString(0)
                              + " "
                              + r.getString(1)
                              + " "
                              + r.getValue(2)
                              + " "
                              + r.getString(3))
                  .toList())
          .containsExactly(
              "{"
                  + ID
                  + "1,"
                  + ID
                  + "2,"
                  + ID
                  + "3} {100.10,0.00012340,150} true"
                  + " {fillfactor=50}");

      // The release's consumer reads the converted window and moves it on.
      List<MovingAverage> averages =
          result(
              new PgMovingAverageRepository(store.pool)
                  .apply(
                      List.of(
                          event(
                              Symbol.of("AAPL"), "200.00", Instant.parse("2024-03-20T10:30:03Z"))),
                      Set.of(3)));
      assertThat(averages)
          .extracting(MovingAverage::value)
          .containsExactly(new java.math.BigDecimal("116.66670780"));
      assertThat(store.query("SELECT window_prices::text FROM symbol_averages").get(0).getString(0))
          .isEqualTo("{0.00012340,150,200.00}");
    }
  }
}
