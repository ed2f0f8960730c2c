package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;
import static dev.marketdata.adapter.persistence.PgValues.micros;
import static dev.marketdata.adapter.persistence.PgValues.timestamptz;

import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.model.BudgetState;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RateLimit;
import dev.marketdata.domain.port.ProviderBudgets;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The providers' budgets shared by every replica: the {@code provider_calls} log. Taking a permit
 * is one transaction that holds a per-provider advisory lock (so replicas take turns, one provider
 * at a time), counts the calls in each limit's sliding window and logs the call only when every
 * limit has room; a refusal writes nothing. The same transaction refuses while {@code
 * provider_throttles} holds the provider, so a 429 heard by one replica stops the others' next
 * call, not only after their copy is refreshed. A provider without limits never reaches the
 * database.
 *
 * <p>Time is the replicas' clock (the injected one), so their clocks should agree to well within
 * the shortest period (NTP does); a call counts exactly {@code period} from when it was logged.
 */
public final class PgProviderBudgets implements ProviderBudgets {
  /**
   * Rows stay at least this long, so a replica with a shorter configured limit keeps daily ones.
   */
  static final Duration MIN_KEEP = Duration.ofDays(1);

  // Two-key advisory lock: the first key names this use, the second the provider.
  static final String LOCK =
      "SELECT t.throttled_until"
          + " FROM (SELECT pg_advisory_xact_lock(hashtext('mds.provider_calls'), hashtext($1))) l"
          + " LEFT JOIN provider_throttles t ON t.provider = $1";
  // Per limit: the calls in its window, and the one whose leaving gives a permit back (the oldest,
  // or when more than the limit are counted, the one after which fewer than the limit remain).
  static final String COUNT =
      "SELECT u.used, f.sent_at AS freeing"
          + " FROM unnest($2::timestamptz[], $3::int[]) WITH ORDINALITY AS w(since, permits, i)"
          + " CROSS JOIN LATERAL (SELECT count(*)::int AS used FROM provider_calls c"
          + "   WHERE c.provider = $1 AND c.sent_at > w.since) u"
          + " LEFT JOIN LATERAL (SELECT c.sent_at FROM provider_calls c"
          + "   WHERE c.provider = $1 AND c.sent_at > w.since ORDER BY c.sent_at"
          + "   OFFSET greatest(u.used - w.permits, 0) LIMIT 1) f ON true"
          + " ORDER BY w.i";
  static final String LOG_AND_PRUNE =
      "WITH pruned AS (DELETE FROM provider_calls WHERE provider = $1 AND sent_at <= $3)"
          + " INSERT INTO provider_calls (provider, sent_at) VALUES ($1, $2)";

  private final Pool pool;
  private final Clock clock;

  @Inject
  public PgProviderBudgets(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  @Override
  public CompletionStage<List<BudgetState>> acquire(ProviderId provider, List<RateLimit> limits) {
    if (limits.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    return PgFailures.toStage(
        pool.withTransaction(connection -> acquire(connection, provider, limits)));
  }

  private Future<List<BudgetState>> acquire(
      SqlClient connection, ProviderId provider, List<RateLimit> limits) {
    Instant now = micros(clock.instant());
    return connection
        .preparedQuery(LOCK)
        .execute(Tuple.of(provider.value()))
        .compose(
            locked -> {
              Instant until = instant(locked.iterator().next().getOffsetDateTime(0));
              if (until != null && until.isAfter(now)) {
                return Future.failedFuture(heldBack(provider, until, now));
              }
              return count(connection, provider, limits, now);
            })
        .compose(
            before -> {
              Duration wait = BudgetState.untilRoom(before, now);
              if (wait.compareTo(Duration.ZERO) > 0) {
                return Future.failedFuture(
                    ProviderThrottled.budgetSpent(
                        provider.value(), wait, "budget shared by every replica exhausted"));
              }
              return connection
                  .preparedQuery(LOG_AND_PRUNE)
                  .execute(
                      Tuple.of(
                          provider.value(), timestamptz(now), timestamptz(now.minus(keep(limits)))))
                  .map(logged -> after(before, limits, now));
            });
  }

  @Override
  public CompletionStage<List<BudgetState>> remaining(ProviderId provider, List<RateLimit> limits) {
    if (limits.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    return PgFailures.toStage(count(pool, provider, limits, micros(clock.instant())));
  }

  private static Future<List<BudgetState>> count(
      SqlClient client, ProviderId provider, List<RateLimit> limits, Instant now) {
    OffsetDateTime[] since = new OffsetDateTime[limits.size()];
    Integer[] permits = new Integer[limits.size()];
    for (int i = 0; i < limits.size(); i++) {
      since[i] = timestamptz(now.minus(limits.get(i).period()));
      permits[i] = limits.get(i).permits();
    }
    return client
        .preparedQuery(COUNT)
        .execute(Tuple.of(provider.value(), since, permits))
        .map(rows -> states(rows, limits, now));
  }

  private static List<BudgetState> states(RowSet<Row> rows, List<RateLimit> limits, Instant now) {
    List<BudgetState> states = new ArrayList<>(limits.size());
    int i = 0;
    for (Row row : rows) {
      states.add(
          BudgetState.counted(
              limits.get(i++),
              row.getInteger("used"),
              instant(row.getOffsetDateTime("freeing")),
              now));
    }
    return states;
  }

  /** Each limit with the call just logged counted too: one permit less, refilling as before. */
  private static List<BudgetState> after(
      List<BudgetState> before, List<RateLimit> limits, Instant now) {
    List<BudgetState> after = new ArrayList<>(before.size());
    for (int i = 0; i < before.size(); i++) {
      BudgetState b = before.get(i);
      RateLimit limit = limits.get(i);
      int used = limit.permits() - b.remaining();
      Instant freeing = used == 0 ? now : b.resetsAt().minus(limit.period());
      after.add(BudgetState.counted(limit, used + 1, freeing, now));
    }
    return after;
  }

  /** How long a logged call must stay: as long as the longest limit, and at least a day. */
  private static Duration keep(List<RateLimit> limits) {
    Duration keep = MIN_KEEP;
    for (RateLimit limit : limits) {
      keep = limit.period().compareTo(keep) > 0 ? limit.period() : keep;
    }
    return keep;
  }

  private static ProviderThrottled heldBack(ProviderId provider, Instant until, Instant now) {
    Duration wait = Duration.between(now, until);
    long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    return new ProviderThrottled(
        provider.value(),
        Duration.ofSeconds(Math.max(1, seconds)),
        false,
        "it asked for no calls before " + until + "; none was sent");
  }
}
