package dev.marketdata.adapter.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.marketdata.application.backfill.BackfillRequest;
import dev.marketdata.application.backfill.GetBackfillJobUseCase;
import dev.marketdata.application.backfill.StartBackfillUseCase;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.BackfillJob;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.model.SymbolBackfill;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Backfill job routes: start one, follow its progress. */
public final class BackfillRoutes {
  private final StartBackfillUseCase start;
  private final GetBackfillJobUseCase get;

  @Inject
  public BackfillRoutes(StartBackfillUseCase start, GetBackfillJobUseCase get) {
    this.start = start;
    this.get = get;
  }

  void mount(Router router) {
    router.post("/prices/backfill").handler(this::start);
    router.get("/prices/backfill/:job_id").handler(this::get);
  }

  private void start(RoutingContext ctx) {
    QueryParams.of(ctx, Set.of());
    Replies.requireJson(ctx);
    var buffer = ctx.body().buffer();
    BackfillRequest request =
        Json.read(buffer == null ? null : buffer.getBytes(), BackfillBody.class).toRequest();
    Replies.async(
        ctx,
        () -> start.start(request),
        job -> {
          ctx.response().putHeader("Location", "/prices/backfill/" + job.id());
          Replies.json(
              ctx, 202, new AcceptedJson(job.id().toString(), "accepted", ConfigJson.of(job)));
        });
  }

  private void get(RoutingContext ctx) {
    QueryParams.of(ctx, Set.of());
    UUID id = PollRoutes.jobId(ctx.pathParam("job_id"));
    Replies.async(ctx, () -> get.get(id), job -> Replies.json(ctx, 200, JobJson.of(job)));
  }

  /** Body of {@code POST /prices/backfill}; the dates are ISO days ({@code 2026-01-02}). */
  record BackfillBody(
      List<String> symbols, String provider, String interval, String from, String to) {
    BackfillRequest toRequest() {
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
      Optional<ProviderId> providerId = Optional.ofNullable(provider).map(ProviderId::of);
      if (interval == null) {
        throw new InvalidInput("interval", null, "is required (1d)");
      }
      return new BackfillRequest(parsed, providerId, interval, day("from", from), day("to", to));
    }

    private static LocalDate day(String field, String text) {
      if (text == null) {
        throw new InvalidInput(field, null, "is required (an ISO date such as 2026-01-02)");
      }
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        throw new InvalidInput(field, text, "must be an ISO date such as 2026-01-02");
      }
    }
  }

  /** A job's configuration as the client gave it. */
  record ConfigJson(
      List<String> symbols, String provider, String interval, String from, String to) {
    static ConfigJson of(BackfillJob job) {
      return new ConfigJson(
          job.symbols().stream().map(Symbol::value).toList(),
          job.provider().value(),
          BackfillJob.INTERVAL,
          job.from().toString(),
          job.to().toString());
    }
  }

  /** {@code 202} answer to {@code POST /prices/backfill}. */
  record AcceptedJson(@JsonProperty("job_id") String jobId, String status, ConfigJson config) {}

  /** One symbol's progress. */
  record SymbolJson(String symbol, String state, int bars, String error) {
    static SymbolJson of(SymbolBackfill p) {
      return new SymbolJson(p.symbol().value(), p.state().wireName(), p.bars(), p.error());
    }
  }

  /** {@code GET /prices/backfill/{job_id}}: the job and how far it got. */
  record JobJson(
      @JsonProperty("job_id") String jobId,
      String status,
      ConfigJson config,
      @JsonProperty("created_at") String createdAt,
      @JsonProperty("updated_at") String updatedAt,
      @JsonProperty("next_run_at") String nextRunAt,
      @JsonProperty("last_error") String lastError,
      @JsonProperty("bars_stored") long barsStored,
      List<SymbolJson> progress) {
    static JobJson of(BackfillJob job) {
      return new JobJson(
          job.id().toString(),
          job.status().wireName(),
          ConfigJson.of(job),
          job.createdAt().toString(),
          job.updatedAt().toString(),
          job.status().finished() ? null : job.nextRunAt().toString(),
          job.lastError(),
          job.barsStored(),
          job.progress().stream().map(SymbolJson::of).toList());
    }
  }
}
