package dev.marketdata.adapter.persistence;

import static dev.marketdata.adapter.persistence.PgValues.instant;
import static dev.marketdata.adapter.persistence.PgValues.timestamptz;

import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.port.ProviderThrottles;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers' throttles shared by every replica: the {@code provider_throttles} table, with a
 * copy in memory so the check before each call costs nothing. A throttle heard here is in the copy
 * at once, and written to the table (a later time wins) before the call that heard it fails; {@link
 * #refresh()}, run every second or so, brings in those the other replicas heard. The budget's
 * transaction ({@link PgProviderBudgets}) also reads the table, so a limited provider is held back
 * by every replica from the next call on, whatever the refresh.
 */
public final class PgProviderThrottles implements ProviderThrottles {
  private static final Logger log = LoggerFactory.getLogger(PgProviderThrottles.class);

  static final String RECORD =
      "INSERT INTO provider_throttles (provider, throttled_until) VALUES ($1, $2)"
          + " ON CONFLICT (provider) DO UPDATE SET throttled_until ="
          + " greatest(provider_throttles.throttled_until, EXCLUDED.throttled_until)";
  static final String ACTIVE =
      "SELECT provider, throttled_until FROM provider_throttles WHERE throttled_until > $1";

  private final Pool pool;
  private final Clock clock;
  private final ConcurrentMap<ProviderId, Instant> known = new ConcurrentHashMap<>();

  public PgProviderThrottles(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /**
   * Held in this process at once; completes once written to the table, or fails (logged, not
   * retried) when it could not be.
   */
  @Override
  public CompletionStage<Void> throttledUntil(ProviderId provider, Instant until) {
    remember(provider, until);
    return PgFailures.toStage(
            pool.preparedQuery(RECORD)
                .execute(Tuple.of(provider.value(), timestamptz(until)))
                .<Void>mapEmpty())
        .whenComplete(
            (ignored, failure) -> {
              if (failure != null) {
                log.atWarn()
                    .addKeyValue("provider", provider.value())
                    .log(
                        "provider throttle not shared with the other replicas: {}",
                        failure.toString());
              }
            });
  }

  @Override
  public Optional<Instant> blockedUntil(ProviderId provider, Instant now) {
    return Optional.ofNullable(known.get(provider)).filter(t -> t.isAfter(now));
  }

  /** Brings in the throttles in force that any replica heard. */
  public CompletionStage<Void> refresh() {
    return PgFailures.toStage(
        pool.preparedQuery(ACTIVE)
            .execute(Tuple.of(timestamptz(clock.instant())))
            .map(
                rows -> {
                  for (Row row : rows) {
                    remember(
                        ProviderId.of(row.getString("provider")),
                        instant(row.getOffsetDateTime("throttled_until")));
                  }
                  return null;
                }));
  }

  private void remember(ProviderId provider, Instant until) {
    known.merge(provider, until, (a, b) -> a.isAfter(b) ? a : b);
  }
}
