package dev.marketdata.adapter.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.marketdata.application.poll.GetPollJobUseCase;
import dev.marketdata.application.poll.ListPollJobsUseCase;
import dev.marketdata.application.poll.PollRequest;
import dev.marketdata.application.poll.StartPollJobUseCase;
import dev.marketdata.application.poll.StartedPollJob;
import dev.marketdata.application.poll.StopPollJobUseCase;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.market.MarketHours;
import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.model.ProviderChain;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Poll job routes: start, list, inspect and stop. */
public final class PollRoutes {
  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final StartPollJobUseCase start;
  private final ListPollJobsUseCase list;
  private final GetPollJobUseCase get;
  private final StopPollJobUseCase stop;

  @Inject
  public PollRoutes(
      StartPollJobUseCase start,
      ListPollJobsUseCase list,
      GetPollJobUseCase get,
      StopPollJobUseCase stop) {
    this.start = start;
    this.list = list;
    this.get = get;
    this.stop = stop;
  }

  void mount(Router router) {
    router.post("/prices/poll").handler(this::start);
    router.get("/prices/poll").handler(this::list);
    router.get("/prices/poll/:job_id").handler(this::get);
    router.delete("/prices/poll/:job_id").handler(this::delete);
    router.post("/prices/stop").handler(this::stopByBody);
  }

  private void start(RoutingContext ctx) {
    QueryParams.of(ctx, Set.of());
    Replies.requireJson(ctx);
    PollRequest request = Json.read(bodyBytes(ctx), PollBody.class).toRequest();
    Replies.async(
        ctx,
        () -> start.start(request),
        started -> {
          ctx.response().putHeader("Location", "/prices/poll/" + started.job().id());
          Replies.json(ctx, 202, AcceptedJson.of(started));
        });
  }

  private void list(RoutingContext ctx) {
    QueryParams.of(ctx, Set.of());
    Replies.async(
        ctx,
        list::list,
        jobs -> Replies.json(ctx, 200, new JobListJson(jobs.stream().map(JobJson::of).toList())));
  }

  private void get(RoutingContext ctx) {
    QueryParams.of(ctx, Set.of());
    UUID id = jobId(ctx.pathParam("job_id"));
    Replies.async(ctx, () -> get.get(id), job -> Replies.json(ctx, 200, JobJson.of(job)));
  }

  private void delete(RoutingContext ctx) {
    QueryParams.of(ctx, Set.of());
    UUID id = jobId(ctx.pathParam("job_id"));
    Replies.async(ctx, () -> stop.stop(id), job -> Replies.json(ctx, 200, JobJson.of(job)));
  }

  private void stopByBody(RoutingContext ctx) {
    QueryParams.of(ctx, Set.of());
    Replies.requireJson(ctx);
    StopBody body = Json.read(bodyBytes(ctx), StopBody.class);
    UUID id = jobId(body.jobId());
    Replies.async(ctx, () -> stop.stop(id), job -> Replies.json(ctx, 200, JobJson.of(job)));
  }

  private static byte[] bodyBytes(RoutingContext ctx) {
    var buffer = ctx.body().buffer();
    return buffer == null ? null : buffer.getBytes();
  }

  /** Only the canonical 8-4-4-4-12 hex form; {@code UUID.fromString} accepts odd shapes too. */
  static UUID jobId(String text) {
    if (text == null) {
      throw new InvalidInput("job_id", null, "is required");
    }
    if (!UUID_TEXT.matcher(text).matches()) {
      throw new InvalidInput(
          "job_id", text, "must be a UUID such as 0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b");
    }
    return UUID.fromString(text);
  }

  /**
   * Body of {@code POST /prices/poll}; {@code interval} is whole seconds. {@code provider} is one
   * provider or an ordered fallback chain: {@code "finnhub,yahoo"} as on {@code GET
   * /prices/latest}, or {@code ["finnhub","yahoo"]}. {@code market_hours} defaults to {@code
   * always}.
   */
  record PollBody(
      List<String> symbols,
      BigInteger interval,
      Object provider,
      @JsonProperty("market_hours") String marketHours) {
    PollRequest toRequest() {
      if (symbols == null) {
        throw new InvalidInput("symbols", null, "is required (an array of ticker symbols)");
      }
      List<Symbol> parsed = new ArrayList<>(symbols.size());
      for (int i = 0; i < symbols.size(); i++) {
        String raw = symbols.get(i);
        try {
          parsed.add(Symbol.of(raw));
        } catch (InvalidInput e) {
          throw new InvalidInput("symbols[" + i + "]", raw, e.reason());
        }
      }
      if (interval == null) {
        throw new InvalidInput("interval", null, "is required (whole seconds, at least 1)");
      }
      long max = PollRequest.MAX_INTERVAL.toSeconds();
      if (interval.signum() < 1 || interval.compareTo(BigInteger.valueOf(max)) > 0) {
        throw new InvalidInput("interval", interval, "must be whole seconds between 1 and " + max);
      }
      Optional<ProviderChain> chain = Optional.ofNullable(provider).map(PollBody::chain);
      MarketHours hours =
          marketHours == null ? MarketHours.ALWAYS : MarketHours.parse("market_hours", marketHours);
      return new PollRequest(parsed, Duration.ofSeconds(interval.longValue()), chain, hours);
    }

    private static ProviderChain chain(Object provider) {
      if (provider instanceof String text) {
        return ProviderChain.parse("provider", text);
      }
      if (provider instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
        List<String> names = list.stream().map(String.class::cast).toList();
        if (names.stream().anyMatch(name -> name.contains(","))) {
          throw new InvalidInput("provider", names, "must name one provider per array element");
        }
        return ProviderChain.parse("provider", String.join(",", names));
      }
      throw new InvalidInput(
          "provider",
          provider,
          "must be a provider name, a comma-separated list such as \"finnhub,yahoo\", or an"
              + " array of names");
    }
  }

  /** Body of {@code POST /prices/stop}. */
  record StopBody(@JsonProperty("job_id") String jobId) {}

  /**
   * A job's configuration as the client gave it; {@code provider} is the chain's wire string, a
   * single name for a single-provider job as before.
   */
  record ConfigJson(
      List<String> symbols,
      long interval,
      String provider,
      @JsonProperty("market_hours") String marketHours) {
    static ConfigJson of(PollJob job) {
      return new ConfigJson(
          job.symbols().stream().map(Symbol::value).toList(),
          job.interval().toSeconds(),
          job.providers().wire(),
          job.marketHours().wire());
    }
  }

  /** Why an active job makes no provider call now, and when it resumes by itself. */
  record WaitingJson(String reason, @JsonProperty("resumes_at") String resumesAt) {}

  /** How often a multi-provider job was served by a later provider, and the latest time. */
  record FallbacksJson(long count, @JsonInclude(JsonInclude.Include.NON_NULL) LastFallback last) {
    static FallbacksJson of(PollJob job) {
      PollJob.Fallbacks f = job.fallbacks();
      LastFallback last =
          f.lastAt() == null
              ? null
              : new LastFallback(
                  f.lastAt().toString(),
                  f.lastSymbol() == null ? null : f.lastSymbol().value(),
                  f.lastProvider() == null ? null : f.lastProvider().value(),
                  f.lastFrom().stream().map(ProviderId::value).toList());
      return new FallbacksJson(f.count(), last);
    }
  }

  /** The latest fallback: which symbol, which provider served it, which failed before it. */
  record LastFallback(
      String at,
      String symbol,
      String provider,
      @JsonProperty("fallback_from") List<String> fallbackFrom) {}

  /** {@code 202} answer to {@code POST /prices/poll}. */
  record AcceptedJson(
      @JsonProperty("job_id") String jobId,
      String status,
      ConfigJson config,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) {
    static AcceptedJson of(StartedPollJob started) {
      return new AcceptedJson(
          started.job().id().toString(),
          "accepted",
          ConfigJson.of(started.job()),
          started.warnings());
    }
  }

  /** A poll job and how its runs went. */
  record JobJson(
      @JsonProperty("job_id") String jobId,
      String status,
      ConfigJson config,
      @JsonProperty("created_at") String createdAt,
      @JsonProperty("updated_at") String updatedAt,
      @JsonProperty("last_run_at") String lastRunAt,
      @JsonProperty("next_run_at") String nextRunAt,
      @JsonProperty("last_error") String lastError,
      @JsonProperty("run_count") long runCount,
      @JsonProperty("error_count") long errorCount,
      @JsonInclude(JsonInclude.Include.NON_NULL) WaitingJson waiting,
      @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("calendar_note") String calendarNote,
      @JsonInclude(JsonInclude.Include.NON_NULL) FallbacksJson fallbacks) {
    static JobJson of(PollJob job) {
      return new JobJson(
          job.id().toString(),
          job.status().wireName(),
          ConfigJson.of(job),
          text(job.createdAt()),
          text(job.updatedAt()),
          text(job.lastRunAt()),
          job.active() ? text(job.nextRunAt()) : null,
          job.lastError(),
          job.runCount(),
          job.errorCount(),
          job.active() && job.waitingReason() != null
              ? new WaitingJson(job.waitingReason(), text(job.nextRunAt()))
              : null,
          job.active() ? job.calendarNote() : null,
          job.providers().single() ? null : FallbacksJson.of(job));
    }

    private static String text(Instant instant) {
      return instant == null ? null : instant.toString();
    }
  }

  /** {@code GET /prices/poll}. */
  record JobListJson(List<JobJson> jobs) {}
}
