package dev.marketdata.domain.quality;

import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdicts on a batch of fetched quotes, judged in the batch's order against their pairs' heads
 * (each quote against the head its predecessors in the batch left), and what to write: the new
 * points (in order), the confirmed points (same quotes, last fetch time per point) and the moved
 * heads. {@code answers} is what each fetch is answered with, in the batch's order.
 */
public record Judgement(
    List<PricePoint> answers,
    List<PricePoint> stored,
    List<PricePoint> confirmed,
    Map<Pair, QuoteHead> heads) {
  /** A (symbol, provider) pair. */
  public record Pair(Symbol symbol, ProviderId provider) {
    public static Pair of(PricePoint p) {
      return new Pair(p.symbol(), p.provider());
    }
  }

  /** Judges {@code fetched}; {@code heads} holds every pair's head before the batch (or none). */
  public static Judgement of(
      List<PricePoint> fetched, Map<Pair, QuoteHead> heads, QualityRules rules) {
    Map<Pair, QuoteHead> moved = new LinkedHashMap<>();
    Map<java.util.UUID, PricePoint> confirmed = new LinkedHashMap<>();
    List<PricePoint> answers = new ArrayList<>(fetched.size());
    List<PricePoint> stored = new ArrayList<>(fetched.size());
    for (PricePoint p : fetched) {
      Pair pair = Pair.of(p);
      QuoteHead head = moved.getOrDefault(pair, heads.getOrDefault(pair, QuoteHead.EMPTY));
      QuoteHead.Verdict verdict = head.judge(p, rules);
      answers.add(verdict.point());
      if (verdict instanceof QuoteHead.Same same) {
        confirmed.merge(
            same.point().rawResponseId(),
            same.point(),
            (a, b) -> a.fetchedAt().isAfter(b.fetchedAt()) ? a : b);
        moved.put(pair, head.confirmed(same.point()));
      } else {
        stored.add(verdict.point());
        moved.put(pair, head.after(verdict.point()));
      }
    }
    return new Judgement(
        List.copyOf(answers),
        List.copyOf(stored),
        List.copyOf(confirmed.values()),
        Map.copyOf(moved));
  }
}
