package dev.marketdata.application.fake;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.HistoryCursor;
import dev.marketdata.domain.model.HistoryPage;
import dev.marketdata.domain.model.HistoryQuery;
import dev.marketdata.domain.model.MaintenanceReport;
import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.model.OutboxObservation;
import dev.marketdata.domain.model.OutboxRead;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RawResponse;
import dev.marketdata.domain.model.RetentionPolicy;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.IngestionRepository;
import dev.marketdata.domain.port.Outbox;
import dev.marketdata.domain.port.PricePointRepository;
import dev.marketdata.domain.port.RawResponseRepository;
import dev.marketdata.domain.port.StorageMaintenance;
import dev.marketdata.domain.quality.Judgement;
import dev.marketdata.domain.quality.QualityRules;
import dev.marketdata.domain.quality.QuoteHead;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An in-memory stand-in for the PostgreSQL adapter behind every storage port but poll jobs (see
 * {@link InMemoryPollJobs}) and moving averages (see {@link InMemoryMovingAverages}), held honest
 * by the port contracts. Like PostgreSQL it keeps instants to the microsecond and keeps a price's
 * scale. Retention removes rows at the exact cutoff (the port allows that; PostgreSQL drops whole
 * days). Thread-safe: every operation is one critical section, the way one transaction would be.
 */
public final class InMemoryMarketDataStore
    implements IngestionRepository,
        PricePointRepository,
        RawResponseRepository,
        Outbox,
        StorageMaintenance {
  private static final Comparator<PricePoint> NEWEST_FIRST =
      Comparator.comparing(PricePoint::toEvent, PriceEvent.ORDER).reversed();

  private final Clock clock;
  private final QualityRules rules;
  private final Map<Judgement.Pair, QuoteHead> heads = new HashMap<>();
  private final Map<UUID, RawResponse> raw = new HashMap<>();
  private final List<PricePoint> points = new ArrayList<>();
  private final Map<Long, OutboxEntry> outbox = new LinkedHashMap<>();
  private long position;
  private String holder;
  private Instant leaseExpiresAt;
  private long nextOutboxId = 1;

  public InMemoryMarketDataStore() {
    this(Clock.systemUTC());
  }

  public InMemoryMarketDataStore(Clock clock) {
    this(clock, QualityRules.defaults());
  }

  public InMemoryMarketDataStore(Clock clock, QualityRules rules) {
    this.clock = clock;
    this.rules = rules;
  }

  /** Instants as PostgreSQL's timestamptz keeps them: to the microsecond. */
  public static Instant micros(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  @Override
  public synchronized CompletionStage<java.util.List<PricePoint>> ingestAll(
      java.util.List<FetchedQuote> batch) {
    java.util.Set<java.util.UUID> ids = new java.util.HashSet<>();
    for (FetchedQuote fetched : batch) {
      java.util.UUID id = fetched.raw().id();
      if (raw.containsKey(id) || !ids.add(id)) {
        return CompletableFuture.failedFuture(
            new InvalidInput("rawResponseId", id, "was already stored"));
      }
    }
    return CompletableFuture.completedFuture(store(batch));
  }

  @Override
  public synchronized CompletionStage<PricePoint> ingest(FetchedQuote fetched) {
    RawResponse r = fetched.raw();
    if (raw.containsKey(r.id())) {
      return CompletableFuture.failedFuture(
          new InvalidInput("rawResponseId", r.id(), "was already stored"));
    }
    return CompletableFuture.completedFuture(store(List.of(fetched)).get(0));
  }

  /** As the PostgreSQL adapter: every raw response; points and events as judged (ADR 0014). */
  private List<PricePoint> store(List<FetchedQuote> batch) {
    List<PricePoint> parsed = new ArrayList<>();
    for (FetchedQuote fetched : batch) {
      RawResponse r = fetched.raw();
      raw.put(
          r.id(),
          new RawResponse(
              r.id(),
              r.provider(),
              r.symbol(),
              r.httpStatus(),
              r.body(),
              r.contentType(),
              micros(r.fetchedAt())));
      parsed.add(normalize(PricePoint.of(fetched)));
    }
    Judgement judged = Judgement.of(parsed, heads, rules);
    for (PricePoint point : judged.stored()) {
      points.add(point);
      long id = nextOutboxId++;
      outbox.put(id, new OutboxEntry(id, point.toEvent(), micros(clock.instant())));
    }
    for (PricePoint confirmed : judged.confirmed()) {
      points.replaceAll(
          p ->
              p.rawResponseId().equals(confirmed.rawResponseId())
                      && p.fetchedAt().isBefore(confirmed.fetchedAt())
                  ? p.confirmedAt(confirmed.fetchedAt())
                  : p);
    }
    heads.putAll(judged.heads());
    return judged.answers();
  }

  private static PricePoint normalize(PricePoint p) {
    return new PricePoint(
        p.symbol(),
        p.provider(),
        p.price(),
        micros(p.timestamp()),
        micros(p.fetchedAt()),
        p.rawResponseId(),
        p.suspect());
  }

  @Override
  public synchronized CompletionStage<Optional<PricePoint>> latest(
      Symbol symbol, ProviderId provider) {
    return CompletableFuture.completedFuture(
        points.stream().filter(p -> of(p, symbol, provider)).min(NEWEST_FIRST));
  }

  @Override
  public synchronized CompletionStage<HistoryPage> history(HistoryQuery q) {
    List<PricePoint> rows =
        points.stream()
            .filter(p -> of(p, q.symbol(), q.provider()))
            .filter(p -> !p.timestamp().isBefore(q.from()) && p.timestamp().isBefore(q.to()))
            .filter(p -> q.after().map(c -> olderThan(p, c)).orElse(true))
            .sorted(NEWEST_FIRST)
            .limit(q.limit() + 1L)
            .toList();
    if (rows.size() <= q.limit()) {
      return CompletableFuture.completedFuture(new HistoryPage(rows, Optional.empty()));
    }
    List<PricePoint> page = rows.subList(0, q.limit());
    return CompletableFuture.completedFuture(
        new HistoryPage(page, Optional.of(HistoryCursor.after(page.get(page.size() - 1)))));
  }

  private static boolean olderThan(PricePoint p, HistoryCursor c) {
    PriceEvent probe =
        new PriceEvent(p.symbol(), p.price(), c.timestamp(), p.provider(), c.rawResponseId());
    return PriceEvent.ORDER.compare(p.toEvent(), probe) < 0;
  }

  @Override
  public synchronized CompletionStage<List<PricePoint>> newest(
      Symbol symbol, ProviderId provider, int count) {
    if (count < 1) {
      return CompletableFuture.failedFuture(new InvalidInput("count", count, "must be at least 1"));
    }
    return CompletableFuture.completedFuture(
        points.stream()
            .filter(p -> of(p, symbol, provider))
            .sorted(NEWEST_FIRST)
            .limit(count)
            .toList());
  }

  private static boolean of(PricePoint p, Symbol symbol, ProviderId provider) {
    return p.symbol().equals(symbol) && p.provider().equals(provider);
  }

  @Override
  public synchronized CompletionStage<Optional<RawResponse>> find(UUID id) {
    return CompletableFuture.completedFuture(Optional.ofNullable(raw.get(id)));
  }

  @Override
  public synchronized CompletionStage<List<OutboxEntry>> unpublished(int limit) {
    return CompletableFuture.completedFuture(above(position, limit));
  }

  private List<OutboxEntry> above(long after, int limit) {
    return outbox.values().stream().filter(e -> e.id() > after).limit(limit).toList();
  }

  /** Like the PostgreSQL lease: free, expired or already the owner's. */
  @Override
  public synchronized CompletionStage<OptionalLong> lead(String owner, Duration lease) {
    Instant now = clock.instant();
    if (holder != null && !holder.equals(owner) && !leaseExpiresAt.isBefore(now)) {
      return CompletableFuture.completedFuture(OptionalLong.empty());
    }
    holder = owner;
    leaseExpiresAt = now.plus(lease);
    return CompletableFuture.completedFuture(OptionalLong.of(position));
  }

  /**
   * Every write here is one critical section, so every id is visible once drawn: each read makes
   * everything up to the highest id final at once (its own observation, as a PostgreSQL read when
   * no transaction runs).
   */
  @Override
  public synchronized CompletionStage<OutboxRead<OutboxEntry>> readFinal(
      long after, List<OutboxObservation> observations, int limit) {
    long maxId = outbox.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
    long finalId = Math.max(after, maxId);
    return CompletableFuture.completedFuture(
        new OutboxRead<>(above(after, limit), finalId, maxId, 0, 0));
  }

  @Override
  public synchronized CompletionStage<Boolean> advance(
      String owner, long from, long to, Duration lease) {
    if (!owner.equals(holder) || position != from) {
      return CompletableFuture.completedFuture(false);
    }
    position = to;
    leaseExpiresAt = clock.instant().plus(lease);
    return CompletableFuture.completedFuture(true);
  }

  @Override
  public synchronized CompletionStage<Void> resign(String owner) {
    if (owner.equals(holder)) {
      holder = null;
      leaseExpiresAt = null;
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletionStage<Long> depth() {
    return CompletableFuture.completedFuture(
        outbox.keySet().stream().filter(id -> id > position).count());
  }

  @Override
  public synchronized CompletionStage<MaintenanceReport> maintain(
      RetentionPolicy policy, Instant now) {
    long deleted = 0;
    Optional<Instant> raws = policy.rawResponsesBefore(now);
    if (raws.isPresent()) {
      int before = raw.size();
      raw.values().removeIf(r -> r.fetchedAt().isBefore(raws.get()));
      deleted += before - raw.size();
    }
    Optional<Instant> quoted = policy.pricePointsBefore(now);
    if (quoted.isPresent()) {
      int before = points.size();
      points.removeIf(p -> p.timestamp().isBefore(quoted.get()));
      deleted += before - points.size();
    }
    // Published rows (at or below the position) written before the cutoff, as ADR 0016 keeps them.
    Optional<Instant> published = policy.publishedEventsBefore(now);
    if (published.isPresent()) {
      int before = outbox.size();
      outbox.values().removeIf(e -> e.id() <= position && e.createdAt().isBefore(published.get()));
      deleted += before - outbox.size();
    }
    return CompletableFuture.completedFuture(new MaintenanceReport(0, 0, deleted, false, false));
  }
}
