package dev.marketdata.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results table: each figure beside the ceiling measured in the same run, their ratio, the
 * issue's target and whether it is met; written into the JSON and as Markdown for the README.
 */
final class Report {
  private final List<JsonObject> rows = new ArrayList<>();

  static double round(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return v;
    }
    double scale = Math.abs(v) >= 100 ? 1 : Math.abs(v) >= 1 ? 100 : 10_000;
    return Math.round(v * scale) / scale;
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /**
   * One row. {@code ceiling} may be NaN (no ceiling for this figure); {@code met} is null when the
   * issue sets no target for it.
   */
  void row(
      String figure,
      double value,
      String unit,
      double ceiling,
      String ceilingName,
      String target,
      Boolean met) {
    row(figure, value, unit, ceiling, ceilingName, value / ceiling, target, met);
  }

  /** A row with no ceiling and no target for it. */
  void info(String figure, double value, String unit) {
    row(figure, value, unit, Double.NaN, null, null, null);
  }

  /** A row with no ceiling and no target; {@code note} stands in the target column. */
  void info(String figure, double value, String unit, String note) {
    row(figure, value, unit, Double.NaN, null, note, null);
  }

  /**
   * As the other {@code row}, with the {@code ratio} measured otherwise than as value over ceiling
   * (the HTTP parts' median of paired rounds).
   */
  void row(
      String figure,
      double value,
      String unit,
      double ceiling,
      String ceilingName,
      double ratio,
      String target,
      Boolean met) {
    JsonObject r =
        new JsonObject()
            .put("figure", figure)
            .put("value", round(value))
            .put("unit", unit)
            .put("target", target)
            .put("met", met);
    if (!Double.isNaN(ceiling)) {
      r.put("ceiling", round(ceiling)).put("ceiling_name", ceilingName);
      r.put("ratio", round(ratio));
    }
    rows.add(r);
  }

  JsonArray toJson() {
    return new JsonArray(new ArrayList<>(rows));
  }

  String markdown() {
    StringBuilder md =
        new StringBuilder(
            "| figure | measured | ceiling (same run) | ratio | target | met? |\n"
                + "| --- | ---: | ---: | ---: | --- | --- |\n");
    for (JsonObject r : rows) {
      String ceiling =
          r.containsKey("ceiling")
              ? fmt(r.getDouble("ceiling"))
                  + " "
                  + r.getString("unit")
                  + " ("
                  + r.getString("ceiling_name")
                  + ")"
              : "–";
      String ratio = r.containsKey("ratio") ? fmt(r.getDouble("ratio")) : "–";
      Boolean met = r.getBoolean("met");
      md.append("| ")
          .append(r.getString("figure"))
          .append(" | ")
          .append(fmt(r.getDouble("value")))
          .append(' ')
          .append(r.getString("unit"))
          .append(" | ")
          .append(ceiling)
          .append(" | ")
          .append(ratio)
          .append(" | ")
          .append(r.getString("target") == null ? "–" : r.getString("target"))
          .append(" | ")
          .append(met == null ? "–" : met ? "yes" : "**no**")
          .append(" |\n");
    }
    return md.toString();
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (Math.abs(v) >= 1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
