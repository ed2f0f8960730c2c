package dev.marketdata.application.indicator;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.BarInterval;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The series an indicator runs over: {@code tick}, the stored prices themselves, or the closes of
 * the complete bars of one interval.
 */
public record SeriesInterval(Optional<BarInterval> bars) {
  public static final SeriesInterval TICK = new SeriesInterval(Optional.empty());

  public SeriesInterval {
    bars = bars == null ? Optional.empty() : bars;
  }

  public static SeriesInterval of(BarInterval interval) {
    return new SeriesInterval(Optional.of(interval));
  }

  /** {@code tick}, {@code 1m}, {@code 5m}, {@code 15m}, {@code 1h} or {@code 1d}. */
  public static SeriesInterval parse(String text) {
    if ("tick".equals(text)) {
      return TICK;
    }
    for (BarInterval interval : BarInterval.values()) {
      if (interval.label().equals(text)) {
        return of(interval);
      }
    }
    String allowed =
        Stream.concat(Stream.of("tick"), Arrays.stream(BarInterval.values()).map(b -> b.label()))
            .collect(Collectors.joining(", "));
    throw new InvalidInput(
        "interval",
        text,
        text == null ? "is required (one of " + allowed + ")" : "must be one of " + allowed);
  }

  public String label() {
    return bars.map(BarInterval::label).orElse("tick");
  }

  @Override
  public String toString() {
    return label();
  }
}
