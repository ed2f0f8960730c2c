package dev.marketdata.bootstrap.reliability;

import static dev.marketdata.testsupport.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marketdata.bootstrap.reliability.SseClient.Event;
import dev.marketdata.bootstrap.testing.ServiceHarness;
import dev.marketdata.devservices.kafka.EmbeddedKafka;
import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live stream across two API replicas on one database (ADR 0012): a client on replica A gets
 * the prices stored through replica B and the averages the consumer commits; after a disconnect it
 * resumes on replica B with {@code Last-Event-ID} and gets exactly what it missed (compared with
 * the rows in the database: no gap, no repeat), then live events; an id it cannot resume from gets
 * a snapshot.
 */
@ExtendWith(PostgresExtension.class)
class LiveStreamReplicasIT {
  private static final Logger log = LoggerFactory.getLogger(LiveStreamReplicasIT.class);
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String STREAM = "/stream/prices?symbols=LVA,LVB&provider=simulated";
  private static final String SUBSCRIBED = "('LVA', 'LVB')";

  @TempDir Path dataDir;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private Map<String, String> env(
      PostgresDatabase db, EmbeddedKafka kafka, String replica, String roles) {
    Map<String, String> env = new HashMap<>();
    env.put("MDS_DATABASE_URL", db.postgresqlUrl());
    env.put("MDS_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("MDS_ROLES", roles);
    env.put("MDS_HTTP_PORT", "0");
    env.put("MDS_DATA_DIR", dataDir.resolve(replica).toString());
    env.put("MDS_INSTANCE_ID", replica);
    env.put("MDS_PROVIDERS", "simulated");
    // Every GET /prices/latest fetches and stores a new price: the test's way to write events.
    env.put("MDS_FRESHNESS_MILLIS", "0");
    env.put("MDS_SHUTDOWN_TIMEOUT_SECONDS", "10");
    return env;
  }

  @Test
  void givenAClientOnReplicaA_itGetsBsPricesAndTheAverages_andResumesOnBWithExactlyWhatItMissed(
      PostgresDatabase db) {
    try (EmbeddedKafka kafka = EmbeddedKafka.start();
        ServiceHarness b = ServiceHarness.start(env(db, kafka, "live-b", "api,relay,consumer"));
        ServiceHarness a = ServiceHarness.start(env(db, kafka, "live-a", "api"))) {
      long snapshotId;
      List<Event> live;
      try (SseClient client = SseClient.open(http, uri(a, STREAM), null)) {
        Event snapshot = client.next(DEADLINE);
        assertThat(snapshot.type()).isEqualTo("snapshot");
        snapshotId = snapshot.id();
        store(b, "LVA");
        store(b, "LVC");
        store(b, "LVB");
        live =
            client.until(
                got ->
                    has(got, "price", "LVA")
                        && has(got, "price", "LVB")
                        && has(got, "average", "LVA")
                        && has(got, "average", "LVB"),
                DEADLINE);
      } // disconnects after event N
      long n = live.get(live.size() - 1).id();
      assertThat(live).extracting(Event::id).containsExactlyElementsOf(ids(b, snapshotId, n));
      assertThat(live).allSatisfy(e -> assertThat(symbol(e)).isIn("LVA", "LVB"));
      assertThat(live.stream().filter(e -> e.type().equals("price")).map(this::rawId).toList())
          .containsExactlyElementsOf(rawIds(b, snapshotId, n));

      // Missed while away: prices stored through both replicas, and their averages.
      store(b, "LVA");
      store(a, "LVB");
      store(b, "LVC");
      store(b, "LVA");
      awaitAveragesOfEveryStoredPrice(b);
      List<Long> missed = ids(b, n, Long.MAX_VALUE);
      assertThat(missed).hasSizeGreaterThanOrEqualTo(4);

      try (SseClient resumed = SseClient.open(http, uri(b, STREAM), n)) {
        List<Event> replayed = resumed.until(got -> got.size() == missed.size(), DEADLINE);
        assertThat(replayed).extracting(Event::type).doesNotContain("snapshot");
        assertThat(replayed).extracting(Event::id).containsExactlyElementsOf(missed);
        log.info(
            "live stream figures live_events={} last_seen={} replayed={} (database ids {}..{})",
            live.size(),
            n,
            replayed.size(),
            missed.get(0),
            last(missed));

        // Then live: the next price, nothing repeated before it (its average has a later id).
        String liveRaw = store(a, "LVB");
        List<Event> after = resumed.until(got -> has(got, "price", "LVB"), DEADLINE);
        assertThat(after).hasSize(1);
        Event next = after.get(0);
        assertThat(rawId(next)).isEqualTo(liveRaw);
        assertThat(next.id()).isEqualTo(idOfPrice(b, liveRaw)).isGreaterThan(last(missed));
      }

      // An id nobody wrote, and one written longer ago than the resume window: a snapshot.
      try (SseClient unknown = SseClient.open(http, uri(a, STREAM), 999_999_999L)) {
        assertThat(unknown.next(DEADLINE).type()).isEqualTo("snapshot");
      }
      long oldest = ids(b, 0, Long.MAX_VALUE).get(0);
      b.count(
          "WITH aged AS (UPDATE outbox SET created_at = now() - interval '1 day' WHERE id = "
              + oldest
              + " RETURNING 1), aged_averages AS (UPDATE average_outbox"
              + " SET created_at = now() - interval '1 day' WHERE id = "
              + oldest
              + " RETURNING 1) SELECT (SELECT count(*) FROM aged) + (SELECT count(*) FROM"
              + " aged_averages)");
      try (SseClient old = SseClient.open(http, uri(b, STREAM), oldest)) {
        assertThat(old.next(DEADLINE).type()).isEqualTo("snapshot");
      }
    }
  }

  private static URI uri(ServiceHarness replica, String path) {
    return URI.create("http://127.0.0.1:" + replica.service().httpPort() + path);
  }

  /** Stores a new price of {@code symbol} through {@code replica}; its raw response id. */
  private static String store(ServiceHarness replica, String symbol) {
    String latest = "SELECT coalesce(max(id), 0) FROM outbox WHERE symbol = '" + symbol + "'";
    long before = replica.count(latest);
    ServiceHarness.Reply reply = replica.get("/prices/latest?provider=simulated&symbol=" + symbol);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    until("the price of " + symbol + " is stored", DEADLINE, () -> replica.count(latest) > before);
    return replica
        .query(
            "SELECT raw_response_id::text FROM outbox WHERE id = (" + latest + ")",
            rs -> rs.getString(1))
        .get(0);
  }

  private static void awaitAveragesOfEveryStoredPrice(ServiceHarness db) {
    until(
        "the consumer has averaged every stored price",
        DEADLINE,
        () ->
            db.count(
                    "SELECT count(*) FROM (SELECT DISTINCT ON (symbol) symbol, raw_response_id"
                        + " FROM outbox ORDER BY symbol, id DESC) latest"
                        + " LEFT JOIN symbol_averages a ON a.symbol = latest.symbol"
                        + " AND a.last_raw_response_id = latest.raw_response_id"
                        + " WHERE a.symbol IS NULL")
                == 0);
  }

  /** The live-log ids of the subscribed symbols in {@code (after, upTo]}, ascending. */
  private static List<Long> ids(ServiceHarness db, long after, long upTo) {
    return db.query(
        "SELECT id FROM (SELECT id, symbol FROM outbox UNION ALL SELECT id, symbol"
            + " FROM average_outbox) e WHERE symbol IN "
            + SUBSCRIBED
            + " AND id > "
            + after
            + " AND id <= "
            + upTo
            + " ORDER BY id",
        rs -> rs.getLong(1));
  }

  private static List<String> rawIds(ServiceHarness db, long after, long upTo) {
    return db.query(
        "SELECT raw_response_id::text FROM outbox WHERE symbol IN "
            + SUBSCRIBED
            + " AND id > "
            + after
            + " AND id <= "
            + upTo
            + " ORDER BY id",
        rs -> rs.getString(1));
  }

  private static long idOfPrice(ServiceHarness db, String rawId) {
    return db.count("SELECT id FROM outbox WHERE raw_response_id = '" + rawId + "'");
  }

  private static boolean has(List<Event> events, String type, String symbol) {
    return events.stream().anyMatch(e -> e.type().equals(type) && symbol(e).equals(symbol));
  }

  private static String symbol(Event event) {
    return json(event).get("symbol").asText();
  }

  private String rawId(Event event) {
    return json(event).get("raw_response_id").asText();
  }

  private static JsonNode json(Event event) {
    try {
      return ServiceHarness.JSON.readTree(event.data());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long last(List<Long> ids) {
    return ids.get(ids.size() - 1);
  }
}
