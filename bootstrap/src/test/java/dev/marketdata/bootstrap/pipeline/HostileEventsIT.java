package dev.marketdata.bootstrap.pipeline;

import static dev.marketdata.bootstrap.pipeline.Quotes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.bootstrap.reliability.HostileValues;
import dev.marketdata.devservices.kafka.KafkaExtension;
import dev.marketdata.devservices.kafka.TestKafka;
import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.testsupport.Await;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.threadchecker.BlockedThreadEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka side of the fuzzing: a few hundred hostile records (see {@link HostileEvents}) between
 * well-formed events on every partition of {@code price-events}. Every hostile record is
 * dead-lettered (or, for an exact replay, applied without effect), with an error header of bounded
 * size; no event loop is blocked; the well-formed events behind them are applied; and the averages
 * equal those of the stored prices alone.
 *
 * <p>{@code ./mvnw -B verify} sends 300 with a fixed seed; {@code -Dfuzz.events=3000
 * -Dfuzz.seed=random} (with {@code -Dit.test=HostileEventsIT}) sends more. The seed is logged.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class})
class HostileEventsIT {
  private static final Logger log = LoggerFactory.getLogger(HostileEventsIT.class);
  static final long DEFAULT_SEED = 20261130L;
  static final int DEFAULT_EVENTS = 300;

  /**
   * Vert.x's own threshold, 2 s, checked every 100 ms. The poison record of the review blocked a
   * loop for 10 s on its own; a consumer turn here handles at most {@link #RECORDS_PER_POLL}
   * records, so a blocked loop is one slow record, not a big batch on a loaded machine (1 s tripped
   * at 1.09-1.2 s with the load average at 8 and 500 records a turn).
   */
  private static final long MAX_EVENT_LOOP_MILLIS = 2_000;

  private static final int RECORDS_PER_POLL = 100;

  /** The dead-letter error text quotes at most a prefix of a refused value. */
  private static final int MAX_ERROR_HEADER = 1_024;

  private Pipeline pipeline;

  @AfterEach
  void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void hostileRecords_areDeadLettered_withoutBlockingALoop_andTheAveragesStayThoseOfStoredPrices(
      PostgresDatabase database, TestKafka kafka) throws Exception {
    long seed = HostileValues.seed(DEFAULT_SEED);
    int count = Integer.getInteger("fuzz.events", DEFAULT_EVENTS);
    log.info("hostile events: seed={} records={} (replay with -Dfuzz.seed={})", seed, count, seed);
    pipeline =
        Pipeline.start(
            database,
            kafka,
            RECORDS_PER_POLL,
            new VertxOptions()
                .setMaxEventLoopExecuteTime(MAX_EVENT_LOOP_MILLIS)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setBlockedThreadCheckInterval(100)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS));
    // What a blocked loop was doing, read while it is blocked: the assertion then says where.
    // The checker thread may still report the deliberate block just after it ended: a report is
    // about the self-check when the blocked task started before the self-check returned.
    List<String> blocked = new CopyOnWriteArrayList<>();
    List<String> deliberate = new CopyOnWriteArrayList<>();
    AtomicLong selfCheckEnded = new AtomicLong(Long.MAX_VALUE);
    ((VertxInternal) pipeline.vertx)
        .blockedThreadChecker()
        .setThreadBlockedHandler(
            event -> {
              long startedAt = System.nanoTime() - event.duration();
              (startedAt < selfCheckEnded.get() ? deliberate : blocked).add(describe(event));
            });
    detectorCatchesABlockedLoop(deliberate);
    selfCheckEnded.set(System.nanoTime());

    pipeline.deployRelay();
    pipeline.deployConsumer();
    List<FetchedQuote> early = new ArrayList<>();
    early.addAll(Quotes.series("AAPL", ProviderId.FINNHUB, T0, 7, "150.25", "151.10", "149.875"));
    early.addAll(Quotes.series("MSFT", ProviderId.FINNHUB, T0, 4, "410.5", "411"));
    pipeline.ingestAll(early);
    pipeline.awaitSettled();
    List<byte[]> stored =
        early.stream()
            .map(
                q ->
                    pipeline.codec.encode(
                        new PriceEvent(
                            q.quote().symbol(),
                            q.quote().price(),
                            q.quote().quoteTime(),
                            q.quote().provider(),
                            q.raw().id())))
            .toList();

    String topic = pipeline.settings.topic();
    int partitions = pipeline.plain.endOffsets(topic).size();
    List<HostileEvents.Hostile> hostile = new HostileEvents(seed, stored).generate(count);
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    for (int i = 0; i < hostile.size(); i++) {
      records.add(new ProducerRecord<>(topic, i % partitions, "AAPL", hostile.get(i).value()));
    }
    List<RecordMetadata> sentAt = pipeline.plain.sendAllRaw(records);
    List<FetchedQuote> late =
        Quotes.series("AAPL", ProviderId.FINNHUB, T0.plusSeconds(60), 6, "160.5", "161.25");
    pipeline.ingestAll(late);
    pipeline.awaitSettled();

    Set<String> mustLetter = new HashSet<>();
    Set<String> mayLetter = new HashSet<>();
    for (int i = 0; i < hostile.size(); i++) {
      String at = sentAt.get(i).partition() + "/" + sentAt.get(i).offset();
      (hostile.get(i).mustDeadLetter() ? mustLetter : mayLetter).add(at);
    }
    List<ConsumerRecord<String, byte[]>> letters =
        pipeline.plain.readUntil(
            pipeline.settings.deadLetterTopic(),
            "a dead letter for each of the " + mustLetter.size() + " refused records",
            read -> read.size() >= mustLetter.size());
    Set<String> lettered = new HashSet<>();
    List<String> oversized = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> letter : letters) {
      lettered.add(
          PlainKafka.header(letter, "original_partition")
              + "/"
              + PlainKafka.header(letter, "original_offset"));
      String error = PlainKafka.header(letter, "error");
      if (error == null || error.length() > MAX_ERROR_HEADER) {
        oversized.add(error == null ? "no error header" : error.substring(0, 200) + "…");
      }
    }
    Set<String> missing = new HashSet<>(mustLetter);
    missing.removeAll(lettered);
    List<String> missed = new ArrayList<>();
    for (int i = 0; i < hostile.size() && missed.size() < 20; i++) {
      String at = sentAt.get(i).partition() + "/" + sentAt.get(i).offset();
      if (missing.contains(at)) {
        missed.add(at + " " + hostile.get(i).describe());
      }
    }
    Set<String> unexpected = new HashSet<>(lettered);
    unexpected.removeAll(mustLetter);
    unexpected.removeAll(mayLetter);
    log.info(
        "hostile events: seed={} sent {} ({} must be refused), dead-lettered {}, blocked loops {}",
        seed,
        hostile.size(),
        mustLetter.size(),
        letters.size(),
        blocked.size());

    assertThat(missed).as("refused records not dead-lettered (seed " + seed + ")").isEmpty();
    assertThat(unexpected).as("dead letters of well-formed events").isEmpty();
    assertThat(oversized).as("dead-letter error headers over " + MAX_ERROR_HEADER).isEmpty();
    assertThat(blocked).as("event loops blocked over " + MAX_EVENT_LOOP_MILLIS + " ms").isEmpty();
    assertThat(pipeline.tables.storedAverages()).isEqualTo(pipeline.tables.expectedAverages());
    pipeline.tables.assertEveryRawRowHasOnePricePointAndOneOutboxRow(early.size() + late.size());
  }

  /** The check below would be worthless if the detector stayed silent: block a loop once. */
  private static String describe(BlockedThreadEvent event) {
    StringBuilder where = new StringBuilder(event.thread().getName());
    where.append(" blocked ").append(event.duration() / 1_000_000).append(" ms at");
    StackTraceElement[] stack = event.thread().getStackTrace();
    for (int i = 0; i < Math.min(12, stack.length); i++) {
      where.append("\n  ").append(stack[i]);
    }
    return where.toString();
  }

  private void detectorCatchesABlockedLoop(List<String> blocked) throws Exception {
    var done = new java.util.concurrent.CompletableFuture<Void>();
    pipeline.vertx.runOnContext(
        ignored -> {
          long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3 * MAX_EVENT_LOOP_MILLIS);
          while (System.nanoTime() < until) {
            Thread.onSpinWait(); // deliberately blocking this event loop
          }
          done.complete(null);
        });
    done.get(10, TimeUnit.SECONDS);
    Await.until(
        "the blocked-thread detector reports the deliberate block", () -> !blocked.isEmpty());
  }
}
