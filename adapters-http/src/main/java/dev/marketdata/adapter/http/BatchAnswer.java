package dev.marketdata.adapter.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.marketdata.application.price.BatchPrices;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a batch of latest prices: 200 with {@code prices} and {@code errors} when at least one
 * symbol was served; otherwise a problem whose status is the one all symbols failed with, or, when
 * they failed differently, 400 if each failure was the request's own (invalid or unknown symbols)
 * and 502 if any was a provider's or ours. Each symbol's failure is mapped by {@link
 * ProblemMapper}, as a single quote's would be.
 */
final class BatchAnswer {
  private static final Logger LOG = LoggerFactory.getLogger(BatchAnswer.class);

  private BatchAnswer() {}

  static void reply(RoutingContext ctx, BatchPrices batch) {
    List<ErrorJson> errors = batch.errors().stream().map(BatchAnswer::error).toList();
    if (!batch.prices().isEmpty()) {
      Replies.json(
          ctx,
          200,
          new BatchJson(batch.prices().stream().map(PriceRoutes.PriceJson::of).toList(), errors));
      return;
    }
    ProblemResponder.send(ctx, allFailed(batch, errors));
  }

  static Problem allFailed(BatchPrices batch, List<ErrorJson> errors) {
    String detail =
        "None of the "
            + errors.size()
            + " symbols could be served; 'errors' gives each symbol's failure.";
    boolean same = errors.stream().map(ErrorJson::status).distinct().count() == 1;
    if (same) {
      // The failure they share, as a single quote would answer it (type, title, Retry-After).
      Problem first = ProblemMapper.map(batch.errors().get(0).failure(), 500);
      return new Problem(
              first.type(),
              first.title(),
              first.status(),
              detail,
              first.field(),
              java.util.Map.of(),
              first.headers())
          .withExtension("errors", errors);
    }
    boolean allClient = errors.stream().allMatch(e -> e.status() >= 400 && e.status() < 500);
    int status = allClient ? 400 : 502;
    return Problem.of(status, "batch-failed", "No symbol could be served", detail, "symbols")
        .withExtension("errors", errors);
  }

  private static ErrorJson error(BatchPrices.SymbolFailure failure) {
    Problem p = ProblemMapper.map(failure.failure(), 500);
    if (p.status() == 500) {
      LOG.error("unexpected failure serving {} in a batch", failure.symbol(), failure.failure());
    }
    String retryAfter = p.headers().get("Retry-After");
    return new ErrorJson(
        Text.printable(failure.symbol(), 40),
        p.status(),
        p.title(),
        p.detail(),
        retryAfter == null ? null : Long.valueOf(retryAfter));
  }

  /** {@code GET /prices/latest?symbols=...} when at least one symbol was served. */
  record BatchJson(List<PriceRoutes.PriceJson> prices, List<ErrorJson> errors) {}

  /**
   * One symbol that was not served: the status, title and detail its single quote would have
   * answered with, and the seconds to wait when that answer carried a Retry-After.
   */
  record ErrorJson(
      String symbol,
      int status,
      String title,
      String detail,
      @JsonProperty("retry_after_seconds") @JsonInclude(JsonInclude.Include.NON_NULL)
          Long retryAfterSeconds) {}
}
