package dev.marketdata.adapter.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.marketdata.application.provider.ListProvidersUseCase;
import dev.marketdata.domain.model.BudgetState;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.model.RateLimit;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Operational routes: providers, liveness, readiness, metrics and build info. Every process mounts
 * them, whatever its roles, so each replica answers for itself.
 */
public final class OpsRoutes {
  static final long CHECK_TIMEOUT_MS = 2_000;
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final ListProvidersUseCase providers;
  private final Readiness readiness;
  private final MetricsScraper metrics;
  private final InfoJson info;

  @Inject
  public OpsRoutes(
      ListProvidersUseCase providers,
      Set<HealthCheck> checks,
      MetricsScraper metrics,
      ServiceInfo info) {
    this(
        providers,
        new Readiness(
            checks, Duration.ofMillis(CHECK_TIMEOUT_MS), Readiness.MAX_AGE, System::nanoTime),
        metrics,
        info);
  }

  /** Without build info: {@code GET /info} says "unknown". */
  public OpsRoutes(
      ListProvidersUseCase providers, Set<HealthCheck> checks, MetricsScraper metrics) {
    this(providers, checks, metrics, ServiceInfo.unknown());
  }

  OpsRoutes(ListProvidersUseCase providers, Readiness readiness, MetricsScraper metrics) {
    this(providers, readiness, metrics, ServiceInfo.unknown());
  }

  OpsRoutes(
      ListProvidersUseCase providers,
      Readiness readiness,
      MetricsScraper metrics,
      ServiceInfo info) {
    this.providers = providers;
    this.readiness = readiness;
    this.metrics = metrics;
    this.info = InfoJson.of(info);
  }

  void mount(Router router) {
    router.get("/providers").handler(this::providers);
    router.get("/health/live").handler(ctx -> Replies.json(ctx, 200, Map.of("status", "UP")));
    router.get("/health/ready").handler(this::ready);
    router.get("/metrics").handler(this::metrics);
    router.get("/info").handler(this::info);
  }

  private void info(RoutingContext ctx) {
    QueryParams.of(ctx, Set.of());
    Replies.json(ctx, 200, info);
  }

  private void providers(RoutingContext ctx) {
    QueryParams.of(ctx, Set.of());
    Replies.async(
        ctx,
        providers::list,
        statuses ->
            Replies.json(
                ctx,
                200,
                new ProvidersJson(
                    providers.defaultProvider().value(),
                    statuses.stream().map(ProviderJson::of).toList())));
  }

  private void metrics(RoutingContext ctx) {
    String text = metrics.scrape();
    ctx.response().putHeader("Content-Type", PROMETHEUS_TEXT).end(text);
  }

  private void ready(RoutingContext ctx) {
    Replies.async(
        ctx,
        readiness::outcome,
        outcome -> {
          List<CheckJson> checks =
              outcome.checks().stream()
                  .map(c -> new CheckJson(c.name(), c.up() ? "UP" : "DOWN"))
                  .toList();
          if (outcome.ready()) {
            Replies.json(ctx, 200, new ReadyJson("UP", checks));
            return;
          }
          List<String> down =
              outcome.checks().stream()
                  .filter(c -> !c.up())
                  .map(Readiness.CheckState::name)
                  .toList();
          Problem problem =
              Problem.of(
                      503,
                      "not-ready",
                      "Service not ready",
                      "Not ready: " + String.join(", ", down) + ".",
                      null)
                  .withExtension("checks", checks)
                  .withHeader(
                      "Retry-After",
                      Long.toString(
                          ProblemMapper.retryAfterSeconds(ProblemMapper.DEPENDENCY_RETRY_AFTER)));
          ProblemResponder.send(ctx, problem);
        });
  }

  /** {@code GET /info}. */
  record InfoJson(
      String name,
      String version,
      @JsonProperty("git_commit") String gitCommit,
      @JsonProperty("build_time") String buildTime,
      @JsonProperty("java_version") String javaVersion,
      List<String> roles,
      List<String> providers) {
    static InfoJson of(ServiceInfo i) {
      return new InfoJson(
          i.name(),
          i.version(),
          i.gitCommit(),
          i.buildTime(),
          i.javaVersion(),
          i.roles(),
          i.providers());
    }
  }

  /** One health check's outcome: its name and UP or DOWN, nothing about why. */
  record CheckJson(String name, String status) {}

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
