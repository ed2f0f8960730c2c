package dev.marketdata.application.ingest;

import static dev.marketdata.testsupport.Samples.fetched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.application.support.Futures;
import dev.marketdata.domain.failure.DependencyUnavailable;
import dev.marketdata.domain.failure.Overloaded;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.port.IngestionRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IngestCoalescerTest {
  private static final Instant T0 = Instant.parse("2024-03-20T10:30:00Z");

  /** Bounds no test but the bound tests reaches. */
  private static final IngestSettings ROOMY = new IngestSettings(100_000, Duration.ofMinutes(5));

  /** Records every call and leaves each transaction open until the test settles it. */
  private static final class HeldRepository implements IngestionRepository {
    final List<List<FetchedQuote>> batches = new ArrayList<>();
    final List<CompletableFuture<List<PricePoint>>> open = new ArrayList<>();
    final List<FetchedQuote> singles = new ArrayList<>();
    FetchedQuote refused;

    @Override
    public synchronized CompletionStage<PricePoint> ingest(FetchedQuote fetched) {
      singles.add(fetched);
      return fetched == refused
          ? CompletableFuture.failedFuture(new IllegalStateException("refused"))
          : CompletableFuture.completedFuture(PricePoint.of(fetched));
    }

    @Override
    public synchronized CompletionStage<List<PricePoint>> ingestAll(List<FetchedQuote> batch) {
      batches.add(List.copyOf(batch));
      CompletableFuture<List<PricePoint>> tx = new CompletableFuture<>();
      open.add(tx);
      return tx;
    }

    void commit(int i) {
      open.get(i).complete(batches.get(i).stream().map(PricePoint::of).toList());
    }
  }

  private final java.util.Map<Integer, FetchedQuote> quotes =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The same quote (same raw response id) each time for the same i. */
  private FetchedQuote quote(int i) {
    return quotes.computeIfAbsent(
        i, k -> fetched("S" + k, ProviderId.SIMULATED, "1" + k + ".5", T0.plusSeconds(k)));
  }

  private static PricePoint join(CompletionStage<PricePoint> stage) {
    return stage.toCompletableFuture().join();
  }

  @Test
  void givenAFreeTransaction_ingest_sendsTheQuoteAtOnceAlone() {
    HeldRepository repo = new HeldRepository();
    IngestCoalescer coalescer = new IngestCoalescer(repo, 2, 100, ROOMY);

    CompletionStage<PricePoint> stored = coalescer.ingest(quote(1));

    assertThat(repo.batches).containsExactly(List.of(quote(1)));
    assertThat(stored.toCompletableFuture()).isNotDone();
    repo.commit(0);
    assertThat(join(stored).rawResponseId()).isEqualTo(quote(1).raw().id());
  }

  @Test
  void givenEveryTransactionBusy_ingest_queuesAndSendsTheQueueAsOneTransaction() {
    HeldRepository repo = new HeldRepository();
    IngestCoalescer coalescer = new IngestCoalescer(repo, 2, 100, ROOMY);
    List<CompletionStage<PricePoint>> results = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      results.add(coalescer.ingest(quote(i)));
    }

    // Two transactions of one quote each; the other five wait.
    assertThat(repo.batches).containsExactly(List.of(quote(0)), List.of(quote(1)));
    repo.commit(0);
    assertThat(repo.batches.get(2))
        .containsExactly(quote(2), quote(3), quote(4), quote(5), quote(6));
    assertThat(results.get(2).toCompletableFuture()).isNotDone();
    repo.commit(1);
    repo.commit(2);

    for (int i = 0; i < 7; i++) {
      assertThat(join(results.get(i)).rawResponseId()).isEqualTo(quote(i).raw().id());
    }
    assertThat(repo.batches).hasSize(3);
    // Both transactions are free again: the next quote goes at once.
    coalescer.ingest(quote(7));
    assertThat(repo.batches.get(3)).containsExactly(quote(7));
  }

  @Test
  void givenALongQueue_ingest_sendsAtMostMaxBatchPerTransaction() {
    HeldRepository repo = new HeldRepository();
    IngestCoalescer coalescer = new IngestCoalescer(repo, 1, 3, ROOMY);
    for (int i = 0; i < 8; i++) {
      coalescer.ingest(quote(i));
    }

    repo.commit(0);
    repo.commit(1);
    repo.commit(2);

    assertThat(repo.batches).extracting(List::size).containsExactly(1, 3, 3, 1);
  }

  @Test
  void givenTheDatabaseUnavailable_ingest_failsEveryQuoteOfTheBatchWithoutRetrying() {
    HeldRepository repo = new HeldRepository();
    IngestCoalescer coalescer = new IngestCoalescer(repo, 1, 100, ROOMY);
    coalescer.ingest(quote(0));
    CompletionStage<PricePoint> a = coalescer.ingest(quote(1));
    CompletionStage<PricePoint> b = coalescer.ingest(quote(2));
    repo.commit(0);

    DependencyUnavailable down = new DependencyUnavailable("postgresql", "down", null);
    repo.open.get(1).completeExceptionally(down);

    assertThatThrownBy(() -> join(a)).hasCauseReference(down);
    assertThatThrownBy(() -> join(b)).hasCauseReference(down);
    assertThat(repo.singles).isEmpty();
  }

  @Test
  void givenOneQuoteTheDatabaseRefuses_ingest_failsOnlyThatQuote() {
    HeldRepository repo = new HeldRepository();
    IngestCoalescer coalescer = new IngestCoalescer(repo, 1, 100, ROOMY);
    coalescer.ingest(quote(0));
    CompletionStage<PricePoint> good = coalescer.ingest(quote(1));
    CompletionStage<PricePoint> bad = coalescer.ingest(quote(2));
    repo.commit(0);
    repo.refused = quote(2);

    repo.open.get(1).completeExceptionally(new IllegalStateException("check constraint"));

    assertThat(repo.singles).containsExactly(quote(1), quote(2));
    assertThat(join(good).rawResponseId()).isEqualTo(quote(1).raw().id());
    assertThatThrownBy(() -> join(bad)).hasRootCauseMessage("refused");
  }

  @Test
  void givenAFailedTransaction_ingest_stillSendsWhatQueuedBehindIt() {
    HeldRepository repo = new HeldRepository();
    IngestCoalescer coalescer = new IngestCoalescer(repo, 1, 100, ROOMY);
    CompletionStage<PricePoint> first = coalescer.ingest(quote(0));
    CompletionStage<PricePoint> queued = coalescer.ingest(quote(1));

    repo.open.get(0).completeExceptionally(new DependencyUnavailable("postgresql", "down", null));
    repo.commit(1);

    assertThat(first.toCompletableFuture()).isCompletedExceptionally();
    assertThat(join(queued).rawResponseId()).isEqualTo(quote(1).raw().id());
  }

  @Test
  void givenManyThreads_ingest_storesEveryQuoteExactlyOnce() throws Exception {
    IngestionRepository repo =
        new IngestionRepository() {
          private final ExecutorService db = Executors.newFixedThreadPool(3);

          @Override
          public CompletionStage<PricePoint> ingest(FetchedQuote fetched) {
            throw new AssertionError("no single ingest expected");
          }

          @Override
          public CompletionStage<List<PricePoint>> ingestAll(List<FetchedQuote> batch) {
            return CompletableFuture.supplyAsync(
                () -> batch.stream().map(PricePoint::of).toList(), db);
          }
        };
    IngestCoalescer coalescer = new IngestCoalescer(repo, 2, 50, ROOMY);
    int threads = 8;
    int each = 500;
    List<CompletableFuture<PricePoint>> results =
        java.util.Collections.synchronizedList(new ArrayList<>());
    List<FetchedQuote> sent = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService callers = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    for (int t = 0; t < threads; t++) {
      int base = t * each;
      callers.execute(
          () -> {
            try {
              start.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
            for (int i = 0; i < each; i++) {
              FetchedQuote q = quote(base + i);
              sent.add(q);
              results.add(coalescer.ingest(q).toCompletableFuture());
            }
          });
    }
    start.countDown();
    callers.shutdown();
    assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    assertThat(results).hasSize(threads * each);
    assertThat(results.stream().map(f -> Futures.defer(() -> f).toCompletableFuture().join()))
        .extracting(PricePoint::rawResponseId)
        .containsExactlyInAnyOrderElementsOf(sent.stream().map(q -> q.raw().id()).toList());
  }

  @Test
  void givenAFullQueue_ingest_failsAtOnceWithOverloaded_andTakesQuotesAgainOnceItDrains() {
    HeldRepository repo = new HeldRepository();
    IngestCoalescer coalescer =
        new IngestCoalescer(repo, 1, 100, new IngestSettings(3, Duration.ofMinutes(5)));
    List<CompletionStage<PricePoint>> accepted = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      accepted.add(coalescer.ingest(quote(i))); // one sent, three waiting
    }

    CompletableFuture<PricePoint> refused = coalescer.ingest(quote(4)).toCompletableFuture();

    assertThat(refused).isCompletedExceptionally();
    assertThatThrownBy(refused::join)
        .cause()
        .isInstanceOfSatisfying(
            Overloaded.class, o -> assertThat(o.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
    assertThat(repo.batches).containsExactly(List.of(quote(0)));
    repo.commit(0);
    assertThat(repo.batches.get(1)).containsExactly(quote(1), quote(2), quote(3));
    repo.commit(1);
    for (CompletionStage<PricePoint> stage : accepted) {
      assertThat(join(stage)).isNotNull();
    }
    assertThat(coalescer.ingest(quote(5)).toCompletableFuture()).isNotCompletedExceptionally();
  }

  @Test
  void givenTenTimesTheLimitOfQuotesWhileTheDatabaseIsStuck_atMostTheLimitWait() {
    HeldRepository repo = new HeldRepository();
    int limit = 50;
    IngestCoalescer coalescer =
        new IngestCoalescer(repo, 2, 100, new IngestSettings(limit, Duration.ofMinutes(5)));
    List<CompletableFuture<PricePoint>> results = new ArrayList<>();
    for (int i = 0; i < 10 * limit; i++) {
      results.add(coalescer.ingest(quote(i)).toCompletableFuture());
    }

    assertThat(coalescer.waiting()).isEqualTo(limit);
    assertThat(repo.batches).hasSize(2);
    assertThat(results.stream().filter(CompletableFuture::isCompletedExceptionally))
        .hasSize(10 * limit - limit - 2);
    assertThat(results.subList(0, limit + 2)).noneMatch(CompletableFuture::isDone);
  }

  @Test
  void givenAQuoteThatWaitsLongerThanMaxWait_ingest_failsItWithOverloaded_andNeverSendsIt()
      throws Exception {
    HeldRepository repo = new HeldRepository();
    IngestCoalescer coalescer =
        new IngestCoalescer(repo, 1, 100, new IngestSettings(10, Duration.ofMillis(50)));
    CompletionStage<PricePoint> first = coalescer.ingest(quote(0));
    CompletableFuture<PricePoint> stale = coalescer.ingest(quote(1)).toCompletableFuture();

    assertThatThrownBy(() -> stale.get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(Overloaded.class);
    repo.commit(0);

    assertThat(join(first)).isNotNull();
    assertThat(repo.batches).as("the stale quote is never stored").hasSize(1);
    assertThat(coalescer.waiting()).isZero();
    coalescer.ingest(quote(2));
    assertThat(repo.batches.get(1)).as("the transaction slot was freed").containsExactly(quote(2));
  }

  @Test
  void givenNonsenseLimits_constructor_refusesThem() {
    assertThatThrownBy(() -> new IngestCoalescer(new HeldRepository(), 0, 1, ROOMY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IngestCoalescer(new HeldRepository(), 1, 0, ROOMY))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
