package dev.marketdata.adapter.http;

import static dev.marketdata.adapter.http.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.marketdata.application.ingest.IngestQuoteService;
import dev.marketdata.application.ingest.IngestSettings;
import dev.marketdata.application.price.GetLatestPriceService;
import dev.marketdata.application.price.LatestPriceCache;
import dev.marketdata.application.price.LatestPriceObserver;
import dev.marketdata.application.price.LatestPriceSettings;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Quote;
import dev.marketdata.domain.model.RawResponse;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.FetchLeases;
import dev.marketdata.domain.port.IngestionRepository;
import dev.marketdata.domain.port.PricePointRepository;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With the database slow and the ingest queue full, {@code GET /prices/latest} is refused at once
 * with 503 and {@code Retry-After}, through the real latest-price and ingest services.
 */
@ExtendWith(VertxExtension.class)
class IngestQueueFullTest {
  /** Holds every transaction open until {@link #commitAll} and answers later ones at once. */
  static final class SlowDatabase implements IngestionRepository {
    final List<CompletableFuture<List<PricePoint>>> open = new CopyOnWriteArrayList<>();
    final List<List<FetchedQuote>> batches = new CopyOnWriteArrayList<>();
    volatile boolean fast;

    @Override
    public CompletableFuture<PricePoint> ingest(FetchedQuote fetched) {
      return CompletableFuture.completedFuture(PricePoint.of(fetched));
    }

    @Override
    public CompletableFuture<List<PricePoint>> ingestAll(List<FetchedQuote> batch) {
      List<PricePoint> stored = batch.stream().map(PricePoint::of).toList();
      if (fast) {
        return CompletableFuture.completedFuture(stored);
      }
      CompletableFuture<List<PricePoint>> tx = new CompletableFuture<>();
      batches.add(batch);
      open.add(tx);
      return tx;
    }

    void commitAll() {
      fast = true;
      for (int i = 0; i < open.size(); i++) {
        open.get(i).complete(batches.get(i).stream().map(PricePoint::of).toList());
      }
    }
  }

  static FetchedQuote quote(Symbol symbol) {
    java.time.Instant now = ApiHarness.NOW;
    RawResponse raw =
        new RawResponse(
            UUID.randomUUID(),
            ProviderId.FINNHUB,
            symbol,
            200,
            "{\"c\":1.5}".getBytes(StandardCharsets.UTF_8),
            "application/json",
            now);
    return new FetchedQuote(
        new Quote(symbol, new BigDecimal("1.5"), now, now, ProviderId.FINNHUB), raw);
  }

  @Test
  void givenAFullIngestQueue_latest_is503WithRetryAfterAtOnce(Vertx vertx) throws Exception {
    SlowDatabase database = new SlowDatabase();
    QuoteProviders providers = mock(QuoteProviders.class);
    QuoteProvider finnhub = mock(QuoteProvider.class);
    when(providers.defaultProvider()).thenReturn(ProviderId.FINNHUB);
    when(providers.get(ProviderId.FINNHUB)).thenReturn(finnhub);
    when(finnhub.fetch(any()))
        .thenAnswer(call -> CompletableFuture.completedFuture(quote(call.getArgument(0))));
    LatestPriceCache cache = new LatestPriceCache(10);
    // Two transactions at once (the service's constant) and room for one more quote to wait.
    GetLatestPriceService service =
        new GetLatestPriceService(
            providers,
            mock(PricePointRepository.class),
            new IngestQuoteService(database, cache, new IngestSettings(1, Duration.ofMinutes(1))),
            cache,
            mock(FetchLeases.class), // no freshness window: no lease is taken
            wait -> CompletableFuture.completedFuture(null),
            java.time.Clock.fixed(ApiHarness.NOW, java.time.ZoneOffset.UTC),
            new LatestPriceSettings(Duration.ZERO),
            LatestPriceObserver.none());
    ApiHarness api = new ApiHarness(vertx).start();
    CountDownLatch entered = new CountDownLatch(3);
    when(api.latest.latest(any(), any()))
        .thenAnswer(
            call -> {
              var stage = service.latest(call.getArgument(0), call.getArgument(1));
              entered.countDown();
              return stage;
            });
    // Closed at the end, so it stays referenced while its requests wait: a client nothing
    // references can be collected, and Vert.x then closes its pool under them.
    WebClient client =
        WebClient.create(
            vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(api.port()));
    try {
      List<Future<HttpResponse<Buffer>>> waiting = new ArrayList<>();
      for (String symbol : List.of("AAA", "BBB", "CCC")) {
        waiting.add(client.get("/prices/latest?symbol=" + symbol).send());
      }
      assertThat(entered.await(20, TimeUnit.SECONDS))
          .as("three requests reached the service")
          .isTrue();
      assertThat(database.batches).hasSize(2);

      HttpResponse<Buffer> refused = api.get("/prices/latest?symbol=DDD");

      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
      assertThat(json(refused).get("type").asText()).isEqualTo("urn:marketdata:problem:overloaded");

      database.commitAll();
      for (Future<HttpResponse<Buffer>> r : waiting) {
        assertThat(Exchanges.await("a GET /prices/latest that waited", r).statusCode())
            .isEqualTo(200);
      }
    } finally {
      client.close();
    }
    assertThat(api.get("/prices/latest?symbol=DDD").statusCode()).isEqualTo(200);
  }
}
