package dev.marketdata.domain.quality;

import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.PricePoint;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the ingest step knows of one (symbol, provider) when it judges the next fetched quote (ADR
 * 0014): the newest stored point in {@code PriceEvent.ORDER}, and the newest (by quote time) stored
 * point that is not suspect, the outlier rule's reference. A database adapter keeps it in a row it
 * locks for the rest of the ingest transaction, so N replicas judge a pair's quotes one at a time.
 */
public record QuoteHead(Optional<PricePoint> newest, Optional<Reference> reference) {
  /** The outlier rule's reference: a non-suspect price and its quote time. */
  public record Reference(BigDecimal price, Instant quoteTime) {}

  public static final QuoteHead EMPTY = new QuoteHead(Optional.empty(), Optional.empty());

  /** What to do with a fetched quote. */
  public sealed interface Verdict {
    /** The point the fetch is answered with. */
    PricePoint point();
  }

  /**
   * The fetch returned the newest stored quote again (same quote time, same price): no new point or
   * event; {@code point} is the stored one, last fetched now.
   */
  public record Same(PricePoint point) implements Verdict {}

  /** A new quote, to be stored; {@code point} says whether it is suspect. */
  public record Store(PricePoint point) implements Verdict {}

  public QuoteHead {
    newest = newest == null ? Optional.empty() : newest;
    reference = reference == null ? Optional.empty() : reference;
  }

  /**
   * Judges {@code fetched} (its point as parsed, not suspect). Only the newest stored quote can be
   * the same quote: an older one arriving late is stored (it is not what the newest says). The
   * outlier reference is the newest non-suspect quote whatever side of {@code fetched} it lies on;
   * it counts when their quote times are less than {@code outlierWindow} apart.
   */
  public Verdict judge(PricePoint fetched, QualityRules rules) {
    if (newest.isPresent()
        && newest.get().timestamp().equals(fetched.timestamp())
        && newest.get().price().compareTo(fetched.price()) == 0) {
      return new Same(newest.get().confirmedAt(fetched.fetchedAt()));
    }
    return new Store(fetched.withSuspect(outlier(fetched, rules)));
  }

  private boolean outlier(PricePoint fetched, QualityRules rules) {
    if (reference.isEmpty()) {
      return false;
    }
    Reference ref = reference.get();
    Duration apart = Duration.between(ref.quoteTime(), fetched.timestamp()).abs();
    if (apart.compareTo(rules.outlierWindow()) >= 0) {
      return false;
    }
    BigDecimal percent =
        fetched
            .price()
            .subtract(ref.price())
            .abs()
            .multiply(BigDecimal.valueOf(100))
            .divide(ref.price(), MathContext.DECIMAL64);
    return percent.compareTo(rules.outlierPercent()) > 0;
  }

  /** The head once {@code stored} (a {@link Store}'s point) is stored. */
  public QuoteHead after(PricePoint stored) {
    Optional<PricePoint> nextNewest =
        newest.isEmpty() || PriceEvent.ORDER.compare(stored.toEvent(), newest.get().toEvent()) > 0
            ? Optional.of(stored)
            : newest;
    Optional<Reference> nextReference =
        !stored.suspect()
                && (reference.isEmpty()
                    || !stored.timestamp().isBefore(reference.get().quoteTime()))
            ? Optional.of(new Reference(stored.price(), stored.timestamp()))
            : reference;
    return new QuoteHead(nextNewest, nextReference);
  }

  /** The head once the newest point was confirmed by another fetch of it. */
  public QuoteHead confirmed(PricePoint point) {
    return new QuoteHead(Optional.of(point), reference);
  }
}
