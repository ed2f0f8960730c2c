package dev.marketdata.application.average;

import dev.marketdata.domain.failure.InvalidInput;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The window sizes kept up to date as events arrive (5 unless configured otherwise). */
public record AverageWindows(SortedSet<Integer> sizes) {
  public AverageWindows {
    if (sizes == null || sizes.isEmpty()) {
      throw new InvalidInput("windows", sizes, "must name at least one window size");
    }
    for (int size : sizes) {
      if (size < 1 || size > 1000) {
        throw new InvalidInput("windows", size, "must be between 1 and 1000");
      }
    }
    sizes = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(sizes));
  }

  public static AverageWindows of(Integer... sizes) {
    return new AverageWindows(new TreeSet<>(Set.of(sizes)));
  }

  public static AverageWindows defaults() {
    return of(5);
  }

  public boolean maintained(int size) {
    return sizes.contains(size);
  }
}
