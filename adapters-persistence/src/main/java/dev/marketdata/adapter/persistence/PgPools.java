package dev.marketdata.adapter.persistence;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;

/** Opens the reactive connection pool, after the schema is up to date. */
public final class PgPools {
  private PgPools() {}

  /** Runs the migrations (blocking), then opens the pool; the caller closes the pool. */
  public static Pool migrateAndOpen(Vertx vertx, PgConnectionConfig config) {
    Migrations.migrate(config);
    return open(vertx, config);
  }

  public static Pool open(Vertx vertx, PgConnectionConfig config) {
    return PgBuilder.pool()
        .with(config.poolOptions())
        .connectingTo(config.connectOptions())
        .using(vertx)
        .build();
  }
}
