package dev.marketdata.adapter.persistence;

import dev.marketdata.domain.failure.DependencyUnavailable;
import dev.marketdata.domain.failure.MarketDataException;
import io.vertx.core.Future;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Turns PG client failures into domain failures: an unreachable or shutting-down server becomes
 * {@code DependencyUnavailable("postgresql", ...)}, as does a pool with no connection free within
 * its wait; SQL errors stay as they are (they are bugs).
 */
final class PgFailures {
  static final String UNIQUE_VIOLATION = "23505";
  static final String CHECK_VIOLATION = "23514";
  private static final String POOL_WAIT_TIMEOUT = "Timeout waiting for connection";

  private PgFailures() {}

  static <T> CompletionStage<T> toStage(Future<T> future) {
    return future.recover(e -> Future.failedFuture(map(e))).toCompletionStage();
  }

  static Throwable map(Throwable failure) {
    if (failure instanceof MarketDataException) {
      return failure;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof PgException pg) {
        if (serverUnavailable(pg.getSqlState())) {
          return new DependencyUnavailable("postgresql", pg.getMessage(), failure);
        }
        return failure;
      }
      if (t instanceof IOException
          || t instanceof ClosedConnectionException
          || t instanceof TimeoutException
          || isPoolWaitTimeout(t)) {
        return new DependencyUnavailable("postgresql", String.valueOf(t.getMessage()), failure);
      }
    }
    return failure;
  }

  /**
   * The pool found no free connection within its wait (every one busy, or the server accepting
   * connections without answering): the database is unavailable to this request, not a bug.
   */
  private static boolean isPoolWaitTimeout(Throwable t) {
    // Vert.x words it two ways: a statement on the pool, and a connection taken for a transaction.
    return t instanceof VertxException
        && (POOL_WAIT_TIMEOUT.equals(t.getMessage()) || "Timeout".equals(t.getMessage()));
  }

  static boolean isUniqueViolation(Throwable failure, String constraint) {
    return isUniqueViolation(failure, constraint::equals);
  }

  /**
   * A unique violation of a constraint {@code constraint} accepts. A partitioned table reports the
   * partition's index ({@code raw_market_data_p20250301_pkey}), not the parent's constraint.
   */
  static boolean isUniqueViolation(Throwable failure, Predicate<String> constraint) {
    return failure instanceof PgException pg
        && UNIQUE_VIOLATION.equals(pg.getSqlState())
        && pg.getConstraint() != null
        && constraint.test(pg.getConstraint());
  }

  /**
   * A row refused by the partition PostgreSQL routed it to, because a partition for its range was
   * attached meanwhile (storage maintenance): the same statement succeeds when run again.
   */
  static boolean isPartitionRace(Throwable failure) {
    return failure instanceof PgException pg
        && CHECK_VIOLATION.equals(pg.getSqlState())
        && pg.getMessage() != null
        && pg.getMessage().contains("violates partition constraint");
  }

  // 08: connection exceptions; 57P: operator intervention (shutdown); 53300: too many connections.
  private static boolean serverUnavailable(String sqlState) {
    return sqlState != null
        && (sqlState.startsWith("08") || sqlState.startsWith("57P") || sqlState.equals("53300"));
  }
}
