package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.BarOutboxEntry;
import dev.marketdata.domain.model.OutboxRead;
import dev.marketdata.domain.model.RetentionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code bar_outbox} read by position (ADR 0013, 0016): closed bars in id order above the relay's
 * position, one leader, and retention that keeps published 1m bars until every larger bucket they
 * roll up into is closed.
 */
@ExtendWith(PgStoreExtension.class)
class PgBarOutboxIT {
  private static final Duration LEASE = Duration.ofMinutes(1);
  private static PgTestStore store;
  private PgBarOutbox outbox;

  @BeforeAll
  static void start(PgTestStore shared) {
    store = shared;
  }

  @BeforeEach
  void empty() {
    store.emptyPorts();
    outbox = new PgBarOutbox(store.pool);
  }

  /**
   * A closed 1m bar of AAPL starting {@code minutesAgo} before now, written {@code ageMinutes} ago.
   */
  private long bar(int minutesAgo, int ageMinutes) {
    return store
        .query(
            "INSERT INTO bar_outbox (symbol, provider, \"interval\", bucket_start, bucket_end,"
                + " open, high, low, close, count, created_at) VALUES ('AAPL', 'finnhub', '1m',"
                + " date_trunc('minute', now()) - $1 * interval '1 minute',"
                + " date_trunc('minute', now()) - ($1 - 1) * interval '1 minute',"
                + " 10, 12, 9, 11, 4, now() - $2 * interval '1 minute') RETURNING id",
            minutesAgo,
            ageMinutes)
        .get(0)
        .getLong(0);
  }

  @Test
  void givenClosedBars_theLeader_readsThemAboveItsPositionInIdOrder() {
    long first = bar(3, 0);
    long second = bar(2, 0);
    long from = result(outbox.lead("relay-a", LEASE)).orElseThrow();

    OutboxRead<BarOutboxEntry> read = FinalReads.readWhenFinal(outbox, from, 10);

    assertThat(read.entries()).extracting(BarOutboxEntry::id).containsExactly(first, second);
    BarOutboxEntry entry = read.entries().get(0);
    assertThat(entry.event().bar().interval()).isEqualTo(BarInterval.ONE_MINUTE);
    assertThat(entry.event().bar().high()).isEqualByComparingTo("12");
    assertThat(entry.event().bar().count()).isEqualTo(4);
    assertThat(read.snapshotXmin()).isLessThanOrEqualTo(read.snapshotXnext());
    assertThat(result(outbox.lead("relay-b", LEASE))).isEmpty();
    assertThat(result(outbox.advance("relay-a", from, first, LEASE))).isTrue();
    assertThat(result(outbox.unpublished(10)))
        .extracting(BarOutboxEntry::id)
        .containsExactly(second);
    assertThat(result(outbox.depth())).isEqualTo(1L);
  }

  @Test
  void givenPublishedBarsPastRetention_maintain_keepsThoseALargerBucketStillNeeds() {
    long old = bar(180, 180);
    long recentBucket = bar(30, 180);
    long young = bar(20, 1);
    long waiting = bar(10, 180);
    store.publishedUpTo("bar_outbox", young);
    // Every larger interval closed up to 90 minutes ago: the bar of 30 minutes ago is still needed.
    store.execute(
        "INSERT INTO bar_closes VALUES ('1m', now()), ('1h', now() - interval '90 minutes')");
    RetentionPolicy hour =
        new RetentionPolicy(Optional.empty(), Optional.empty(), Optional.of(Duration.ofHours(1)));

    result(new PgStorageMaintenance(store.pool).maintain(hour, Instant.now()));

    assertThat(store.query("SELECT id FROM bar_outbox ORDER BY id"))
        .extracting(r -> r.getLong(0))
        .as(
            "the old bar goes; the one a larger bucket needs, the young one and the waiting one stay")
        .containsExactly(recentBucket, young, waiting);
    assertThat(old).isLessThan(recentBucket);
    assertThat(result(outbox.unpublished(10)))
        .extracting(BarOutboxEntry::id)
        .containsExactly(waiting);
  }
}
