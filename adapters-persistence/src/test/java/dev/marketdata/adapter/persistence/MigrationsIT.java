package dev.marketdata.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class MigrationsIT {
  @Test
  void givenEmptyDatabase_migrateTwice_createsTheSchemaOnceAndThenDoesNothing(PostgresDatabase db)
      throws SQLException {
    // Every migration on the class path, so a branch adding one need not edit this count.
    int available =
        Flyway.configure()
            .dataSource(db.jdbcUrl(), db.user(), db.password())
            .locations("classpath:db/migration")
            .load()
            .info()
            .all()
            .length;
    assertThat(Migrations.migrate(db.jdbcUrl(), db.user(), db.password()))
        .isPositive()
        .isEqualTo(available);
    assertThat(Migrations.migrate(db.jdbcUrl(), db.user(), db.password())).isZero();

    List<String> tables = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'public' ORDER BY table_name")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    assertThat(tables)
        .contains(
            "raw_market_data",
            "price_points",
            "symbol_averages",
            "poll_jobs",
            "outbox",
            "fetch_leases",
            "provider_calls",
            "provider_throttles");
  }
}
