package dev.marketdata.bootstrap.metrics;

import dev.marketdata.adapter.kafka.ConsumerLagProbe;
import dev.marketdata.adapter.persistence.PgOutboxAgeProbe;
import dev.marketdata.application.poll.Backpressure;
import dev.marketdata.bootstrap.runtime.Lifecycle;
import dev.marketdata.domain.port.AverageOutbox;
import dev.marketdata.domain.port.Outbox;
import dev.marketdata.domain.port.PollJobRepository;
import dev.marketdata.domain.port.QuoteProviders;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges sampled every 5 s on a Vert.x timer: the outbox's depth (relay role), the consumer's lag
 * per partition (consumer role), and active poll jobs and provider budgets (poller role). Each role
 * registers only its own, so a process opens no probe it does not need.
 */
public final class Gauges {
  private static final Logger log = LoggerFactory.getLogger(Gauges.class);
  private static final long EVERY_MILLIS = 5_000;

  private final Vertx vertx;
  private final MeterRegistry meters;
  private final Provider<Outbox> outbox;
  private final Provider<AverageOutbox> averageOutbox;
  private final Provider<PgOutboxAgeProbe> outboxAge;
  private final Provider<ConsumerLagProbe> lagProbe;
  private final Provider<QuoteProviders> providers;
  private final Provider<PollJobRepository> pollJobs;
  private final Provider<Backpressure> backpressure;
  private final Lifecycle lifecycle;

  @Inject
  public Gauges(
      Vertx vertx,
      MeterRegistry meters,
      Provider<Outbox> outbox,
      Provider<AverageOutbox> averageOutbox,
      Provider<PgOutboxAgeProbe> outboxAge,
      Provider<ConsumerLagProbe> lagProbe,
      Provider<QuoteProviders> providers,
      Provider<PollJobRepository> pollJobs,
      Provider<Backpressure> backpressure,
      Lifecycle lifecycle) {
    this.vertx = vertx;
    this.meters = meters;
    this.outbox = outbox;
    this.averageOutbox = averageOutbox;
    this.outboxAge = outboxAge;
    this.lagProbe = lagProbe;
    this.providers = providers;
    this.pollJobs = pollJobs;
    this.backpressure = backpressure;
    this.lifecycle = lifecycle;
  }

  /**
   * Poller role: {@code mds.poll.jobs.active{provider}} and {@code
   * mds.provider.budget.remaining{provider,period_seconds}} ({@link PollerGauges}), and the
   * back-pressure meters ({@link BackpressureMeters}).
   */
  public void pollerGauges() {
    BackpressureMeters.register(meters, backpressure.get());
    PollerGauges gauges = new PollerGauges(meters, providers.get(), pollJobs.get());
    vertx.setPeriodic(
        1,
        EVERY_MILLIS,
        id ->
            Future.fromCompletionStage(gauges.sample())
                .onFailure(e -> log.debug("poller gauges unavailable: {}", e.toString())));
  }

  /**
   * {@code mds.outbox.depth}: events stored but not yet acknowledged by Kafka, price events and
   * changed averages together, so the alert on a growing outbox covers both relays; and {@code
   * mds.outbox.oldest.age} (seconds), the oldest unpublished row's wait over all three outboxes.
   * Every relay replica reports the same shared numbers (the alerts take the max).
   */
  public void outboxDepth() {
    Outbox rows = outbox.get();
    AverageOutbox averageRows = averageOutbox.get();
    AtomicLong depth = new AtomicLong();
    Gauge.builder("mds.outbox.depth", depth, AtomicLong::get)
        .description("Events stored but not yet acknowledged by Kafka")
        .register(meters);
    vertx.setPeriodic(
        1,
        EVERY_MILLIS,
        id ->
            Future.fromCompletionStage(rows.depth().thenCombine(averageRows.depth(), Long::sum))
                .onSuccess(depth::set)
                .onFailure(e -> log.debug("outbox depth unavailable: {}", e.toString())));
    PgOutboxAgeProbe ageProbe = outboxAge.get();
    AtomicLong ageMillis = new AtomicLong();
    Gauge.builder("mds.outbox.oldest.age", ageMillis, m -> m.get() / 1000.0)
        .description(
            "How long the oldest unpublished outbox row (events, averages, bars) has waited")
        .baseUnit("seconds")
        .register(meters);
    vertx.setPeriodic(
        1,
        EVERY_MILLIS,
        id ->
            Future.fromCompletionStage(ageProbe.oldestUnpublishedAge())
                .onSuccess(age -> ageMillis.set(age.toMillis()))
                .onFailure(e -> log.debug("outbox age unavailable: {}", e.toString())));
  }

  /** {@code mds.consumer.lag{partition}}: records of price-events not yet applied. */
  public void consumerLag() {
    ConsumerLagProbe probe = lagProbe.get();
    lifecycle.addBlocking("consumer lag probe", probe);
    Map<Integer, AtomicLong> lag = new ConcurrentHashMap<>();
    vertx.setPeriodic(
        1,
        EVERY_MILLIS,
        id ->
            probe
                .lagByPartition()
                .onSuccess(
                    byPartition ->
                        byPartition.forEach(
                            (partition, value) ->
                                lag.computeIfAbsent(partition, this::partitionGauge).set(value)))
                .onFailure(e -> log.debug("consumer lag unavailable: {}", e.toString())));
  }

  private AtomicLong partitionGauge(int partition) {
    AtomicLong holder = new AtomicLong();
    Gauge.builder("mds.consumer.lag", holder, AtomicLong::get)
        .description("Records of price-events not yet applied")
        .tag("partition", String.valueOf(partition))
        .register(meters);
    return holder;
  }
}
