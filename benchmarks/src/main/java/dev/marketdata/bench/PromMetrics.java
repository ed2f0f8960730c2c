package dev.marketdata.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One scrape of the service's Prometheus text: counters summed over labels, histogram buckets. */
final class PromMetrics {
  private final Map<String, Double> byName; // series values summed over all label sets
  private final Map<String, TreeMap<Double, Double>> buckets; // histogram -> le -> cumulative
  private final Map<String, Double> bySeries; // name{labels} -> value

  private PromMetrics(
      Map<String, Double> byName,
      Map<String, TreeMap<Double, Double>> buckets,
      Map<String, Double> bySeries) {
    this.byName = byName;
    this.buckets = buckets;
    this.bySeries = bySeries;
  }

  static PromMetrics parse(String text) {
    Map<String, Double> byName = new HashMap<>();
    Map<String, TreeMap<Double, Double>> buckets = new HashMap<>();
    Map<String, Double> bySeries = new HashMap<>();
    for (String raw : text.split("\n")) {
      String line = raw.trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      String series = line.substring(0, space);
      double value = Double.parseDouble(line.substring(space + 1));
      int brace = series.indexOf('{');
      String name = brace < 0 ? series : series.substring(0, brace);
      byName.merge(name, value, Double::sum);
      bySeries.merge(series, value, Double::sum);
      if (name.endsWith("_bucket") && brace >= 0) {
        String le = label(series.substring(brace), "le");
        double bound = "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
        String histogram = name.substring(0, name.length() - "_bucket".length());
        buckets.computeIfAbsent(histogram, k -> new TreeMap<>()).merge(bound, value, Double::sum);
      }
    }
    return new PromMetrics(byName, buckets, bySeries);
  }

  /**
   * Several processes' scrapes as one: values of the same name or series added, histogram buckets
   * added bound by bound (so a quantile of the sum is the quantile over all their observations).
   */
  static PromMetrics sum(List<PromMetrics> scrapes) {
    Map<String, Double> byName = new HashMap<>();
    Map<String, TreeMap<Double, Double>> buckets = new HashMap<>();
    Map<String, Double> bySeries = new HashMap<>();
    for (PromMetrics m : scrapes) {
      m.byName.forEach((k, v) -> byName.merge(k, v, Double::sum));
      m.bySeries.forEach((k, v) -> bySeries.merge(k, v, Double::sum));
      m.buckets.forEach(
          (h, b) -> {
            TreeMap<Double, Double> into = buckets.computeIfAbsent(h, k -> new TreeMap<>());
            b.forEach((le, v) -> into.merge(le, v, Double::sum));
          });
    }
    return new PromMetrics(byName, buckets, bySeries);
  }

  private static String label(String labels, String key) {
    int at = labels.indexOf(key + "=\"");
    if (at < 0) {
      throw new IllegalArgumentException("no label " + key + " in " + labels);
    }
    int start = at + key.length() + 2;
    return labels.substring(start, labels.indexOf('"', start));
  }

  /** The value of {@code name} summed over its label sets; 0 when the service has none yet. */
  double value(String name) {
    return byName.getOrDefault(name, 0.0);
  }

  /**
   * The value of {@code name} summed over the label sets whose {@code label} is {@code value} (e.g.
   * {@code jvm_memory_used_bytes} with {@code area="heap"}); 0 when there is none.
   */
  double valueWhere(String name, String label, String value) {
    String needle = label + "=\"" + value + "\"";
    double sum = 0;
    for (Map.Entry<String, Double> e : bySeries.entrySet()) {
      String series = e.getKey();
      int brace = series.indexOf('{');
      if (brace > 0
          && series.substring(0, brace).equals(name)
          && (series.contains("{" + needle) || series.contains("," + needle))) {
        sum += e.getValue();
      }
    }
    return sum;
  }

  /**
   * The {@code q} quantile of the observations made between {@code earlier} and this scrape, by
   * linear interpolation inside the bucket that holds it (as PromQL's histogram_quantile does), in
   * the histogram's unit; NaN when nothing was observed.
   */
  double quantileSince(PromMetrics earlier, String histogram, double q) {
    TreeMap<Double, Double> now = buckets.getOrDefault(histogram, new TreeMap<>());
    TreeMap<Double, Double> then = earlier.buckets.getOrDefault(histogram, new TreeMap<>());
    List<double[]> delta = new ArrayList<>(); // {upper bound, cumulative count}
    for (Map.Entry<Double, Double> e : now.entrySet()) {
      delta.add(new double[] {e.getKey(), e.getValue() - then.getOrDefault(e.getKey(), 0.0)});
    }
    if (delta.isEmpty() || delta.get(delta.size() - 1)[1] <= 0) {
      return Double.NaN;
    }
    double total = delta.get(delta.size() - 1)[1];
    double rank = q * total;
    double lowerBound = 0;
    double lowerCount = 0;
    for (double[] b : delta) {
      if (b[1] >= rank) {
        if (Double.isInfinite(b[0])) {
          return lowerBound; // beyond the last finite bucket: all we can say
        }
        double inBucket = b[1] - lowerCount;
        double fraction = inBucket <= 0 ? 1 : (rank - lowerCount) / inBucket;
        return lowerBound + (b[0] - lowerBound) * fraction;
      }
      lowerBound = b[0];
      lowerCount = b[1];
    }
    return lowerBound;
  }
}
