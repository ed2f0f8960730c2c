package dev.marketdata.adapter.provider;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.RateLimit;
import dev.marketdata.domain.model.Required;
import java.util.List;

/**
 * Parameters of the simulated source's geometric Brownian motion: the seed, the annual drift and
 * the annual volatility; and an optional outbound budget (none by default).
 */
public record SimulationConfig(long seed, double drift, double volatility, List<RateLimit> limits) {
  public static final SimulationConfig DEFAULT = new SimulationConfig(42L, 0.05, 0.25, List.of());

  public SimulationConfig {
    if (!Double.isFinite(drift) || Math.abs(drift) > 10) {
      throw new InvalidInput("drift", drift, "must be a finite number between -10 and 10");
    }
    if (!Double.isFinite(volatility) || volatility < 0 || volatility > 10) {
      throw new InvalidInput("volatility", volatility, "must be between 0 and 10");
    }
    limits = List.copyOf(Required.field("limits", limits));
  }
}
