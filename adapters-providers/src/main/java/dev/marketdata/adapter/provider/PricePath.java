package dev.marketdata.adapter.provider;

import dev.marketdata.domain.model.Symbol;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * One symbol's simulated price: geometric Brownian motion, one step per call, each step one trading
 * minute. Its random stream is seeded from the configured seed and the symbol, so a path depends on
 * nothing else (not on other symbols, not on the clock).
 */
final class PricePath {
  /** One trading minute, in years: 252 days of 390 minutes. */
  static final double STEP_YEARS = 1.0 / (252 * 390);

  private static final double FLOOR = 0.0001;

  private final SplittableRandom random;
  private final double driftTerm;
  private final double shockScale;
  private double price;

  PricePath(long seed, Symbol symbol, double drift, double volatility) {
    this.random = new SplittableRandom(seed ^ fnv1a(symbol.value()));
    this.driftTerm = (drift - volatility * volatility / 2) * STEP_YEARS;
    this.shockScale = volatility * Math.sqrt(STEP_YEARS);
    // A starting price between 10 and 500, spread log-uniformly, fixed by seed and symbol.
    this.price = 10 * Math.exp(random.nextDouble() * Math.log(50));
  }

  synchronized BigDecimal next() {
    price = Math.max(FLOOR, price * Math.exp(driftTerm + shockScale * gaussian()));
    return round(price);
  }

  /**
   * Cents from a dollar up, four decimals below a dollar (how US exchanges quote); never below
   * 0.0001.
   */
  static BigDecimal round(double value) {
    int scale = value >= 1 ? 2 : 4;
    BigDecimal rounded = BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    return rounded.signum() > 0 ? rounded : BigDecimal.valueOf(1, 4);
  }

  /** Box-Muller, from our own seeded stream (SplittableRandom has no nextGaussian on Java 17). */
  private double gaussian() {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  static long fnv1a(String text) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
