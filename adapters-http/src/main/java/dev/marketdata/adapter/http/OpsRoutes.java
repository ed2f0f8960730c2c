package dev.marketdata.adapter.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.marketdata.application.provider.ListProvidersUseCase;
import dev.marketdata.domain.model.BudgetState;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.model.RateLimit;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Operational routes: providers, liveness, readiness and metrics. */
public final class OpsRoutes {
  static final long CHECK_TIMEOUT_MS = 2_000;
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final ListProvidersUseCase providers;
  private final List<HealthCheck> checks;
  private final MetricsScraper metrics;

  @Inject
  public OpsRoutes(
      ListProvidersUseCase providers, Set<HealthCheck> checks, MetricsScraper metrics) {
    this.providers = providers;
    this.checks = checks.stream().sorted(Comparator.comparing(HealthCheck::name)).toList();
    this.metrics = metrics;
  }

  void mount(Router router) {
    router.get("/providers").handler(this::providers);
    router.get("/health/live").handler(ctx -> Replies.json(ctx, 200, Map.of("status", "UP")));
    router.get("/health/ready").handler(this::ready);
    router.get("/metrics").handler(this::metrics);
  }

  private void providers(RoutingContext ctx) {
    QueryParams.of(ctx, Set.of());
    List<ProviderJson> list = providers.list().stream().map(ProviderJson::of).toList();
    Replies.json(ctx, 200, new ProvidersJson(providers.defaultProvider().value(), list));
  }

  private void metrics(RoutingContext ctx) {
    String text = metrics.scrape();
    ctx.response().putHeader("Content-Type", PROMETHEUS_TEXT).end(text);
  }

  private void ready(RoutingContext ctx) {
    Context context = ctx.vertx().getOrCreateContext();
    List<Future<CheckJson>> running = checks.stream().map(c -> run(context, c)).toList();
    Future.all(running)
        .onComplete(
            done -> {
              List<CheckJson> results = running.stream().map(Future::result).toList();
              List<String> down =
                  results.stream().filter(r -> !r.up()).map(CheckJson::name).toList();
              if (down.isEmpty()) {
                Replies.json(ctx, 200, new ReadyJson("UP", results));
                return;
              }
              Problem problem =
                  Problem.of(
                          503,
                          "not-ready",
                          "Service not ready",
                          "Not ready: " + String.join(", ", down) + ".",
                          null)
                      .withExtension("checks", results)
                      .withHeader(
                          "Retry-After",
                          Long.toString(
                              ProblemMapper.retryAfterSeconds(
                                  ProblemMapper.DEPENDENCY_RETRY_AFTER)));
              ProblemResponder.send(ctx, problem);
            });
  }

  /** Never fails: a throw, a failed stage, {@code false} or a timeout all mean DOWN. */
  private static Future<CheckJson> run(Context context, HealthCheck check) {
    Future<Boolean> outcome;
    try {
      outcome = Future.fromCompletionStage(check.check(), context);
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    return outcome
        .timeout(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .map(
            up ->
                Boolean.TRUE.equals(up)
                    ? new CheckJson(check.name(), "UP", null)
                    : new CheckJson(check.name(), "DOWN", "reported not ready"))
        .otherwise(
            e ->
                new CheckJson(
                    check.name(),
                    "DOWN",
                    Text.printable(
                        ProblemMapper.unwrap(e).getClass().getSimpleName()
                            + ": "
                            + ProblemMapper.unwrap(e).getMessage(),
                        200)));
  }

  /** One health check's outcome. */
  record CheckJson(
      String name, String status, @JsonInclude(JsonInclude.Include.NON_NULL) String error) {
    boolean up() {
      return "UP".equals(status);
    }
  }

  /** {@code 200} answer of {@code GET /health/ready}. */
  record ReadyJson(String status, List<CheckJson> checks) {}

  /** {@code GET /providers}. */
  record ProvidersJson(
      @JsonProperty("default_provider") String defaultProvider, List<ProviderJson> providers) {}

  /** One provider: usable or why not, its limits and what is left of them. */
  record ProviderJson(
      String id,
      boolean available,
      @JsonProperty("unavailable_reason") String unavailableReason,
      List<LimitJson> limits,
      List<BudgetJson> budget) {
    static ProviderJson of(ProviderStatus s) {
      return new ProviderJson(
          s.id().value(),
          s.available(),
          s.unavailableReason().orElse(null),
          s.limits().stream().map(LimitJson::of).toList(),
          s.budget().stream().map(BudgetJson::of).collect(Collectors.toList()));
    }
  }

  /** A rate limit: {@code permits} calls per {@code period_seconds}. */
  record LimitJson(int permits, @JsonProperty("period_seconds") long periodSeconds) {
    static LimitJson of(RateLimit l) {
      return new LimitJson(l.permits(), l.period().toSeconds());
    }
  }

  /** What is left of one limit and when it refills. */
  record BudgetJson(
      int permits,
      @JsonProperty("period_seconds") long periodSeconds,
      int remaining,
      @JsonProperty("resets_at") String resetsAt) {
    static BudgetJson of(BudgetState b) {
      return new BudgetJson(
          b.limit().permits(),
          b.limit().period().toSeconds(),
          b.remaining(),
          b.resetsAt().toString());
    }
  }
}
