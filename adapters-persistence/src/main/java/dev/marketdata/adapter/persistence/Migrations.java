package dev.marketdata.adapter.persistence;

import dev.marketdata.domain.failure.DependencyUnavailable;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date with Flyway over JDBC. Blocking: run it at startup, before the
 * reactive pool opens, never on an event loop.
 */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  /** Applies the pending migrations; completes with how many ran. */
  public static int migrate(String jdbcUrl, String user, String password) {
    try {
      MigrateResult result =
          Flyway.configure()
              .dataSource(jdbcUrl, user, password)
              .locations("classpath:db/migration")
              .load()
              .migrate();
      LOG.info(
          "schema migrated migrations_executed={} target_version={}",
          result.migrationsExecuted,
          result.targetSchemaVersion);
      return result.migrationsExecuted;
    } catch (FlywayException e) {
      throw new DependencyUnavailable(
          "postgresql", "schema migration failed: " + e.getMessage(), e);
    }
  }

  public static int migrate(PgConnectionConfig config) {
    return migrate(config.jdbcUrl(), config.user(), config.password());
  }
}
