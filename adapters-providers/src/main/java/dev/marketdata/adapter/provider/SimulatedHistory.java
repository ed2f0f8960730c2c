package dev.marketdata.adapter.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marketdata.domain.model.Symbol;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated provider's daily history: each weekday's bar is a function of the seed, the symbol
 * and the day alone, so the same day always gets the same bar whatever range it is asked in (which
 * is what makes a repeated backfill store nothing new). The level wanders slowly (two sine waves
 * with phases fixed by seed and symbol), each day adds its own seeded noise, and the extremes
 * enclose open and close: low <= open, close <= high.
 */
final class SimulatedHistory {
  /** One simulated day, as it is written into the raw document and read into a bar. */
  record Day(
      LocalDate day,
      BigDecimal open,
      BigDecimal high,
      BigDecimal low,
      BigDecimal close,
      long volume) {}

  private final long seed;

  SimulatedHistory(long seed) {
    this.seed = seed;
  }

  /** The weekdays of {@code from} to {@code to}, both included, ascending. */
  List<Day> days(Symbol symbol, LocalDate from, LocalDate to) {
    long symbolSeed = seed ^ PricePath.fnv1a(symbol.value());
    SplittableRandom shape = new SplittableRandom(symbolSeed);
    double base = 10 * Math.exp(shape.nextDouble() * Math.log(50));
    double phase1 = shape.nextDouble() * 2 * Math.PI;
    double phase2 = shape.nextDouble() * 2 * Math.PI;
    List<Day> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
        continue;
      }
      long n = d.toEpochDay();
      double level =
          base * Math.exp(0.15 * Math.sin(n / 45.0 + phase1) + 0.05 * Math.sin(n / 9.0 + phase2));
      SplittableRandom day = new SplittableRandom(symbolSeed * 31 + n);
      double open = level * (1 + (day.nextDouble() - 0.5) * 0.02);
      double close = level * (1 + (day.nextDouble() - 0.5) * 0.02);
      double high = Math.max(open, close) * (1 + day.nextDouble() * 0.01);
      double low = Math.min(open, close) * (1 - day.nextDouble() * 0.01);
      BigDecimal o = PricePath.round(open);
      BigDecimal c = PricePath.round(close);
      // Rounded separately, the extremes could cross open or close by a cent: widen them again.
      BigDecimal h = PricePath.round(high).max(o).max(c);
      BigDecimal l = PricePath.round(low).min(o).min(c);
      days.add(new Day(d, o, h, l, c, 100_000 + day.nextLong(5_000_000)));
    }
    return days;
  }

  /** The raw document of one history call: what was asked and every day generated. */
  byte[] document(Symbol symbol, LocalDate from, LocalDate to, List<Day> days) {
    ObjectNode doc = ProviderJson.MAPPER.createObjectNode();
    doc.put("symbol", symbol.value());
    doc.put("interval", "1d");
    doc.put("from", from.toString());
    doc.put("to", to.toString());
    doc.put("model", "seeded-daily");
    doc.put("seed", seed);
    ArrayNode bars = doc.putArray("bars");
    for (Day d : days) {
      bars.addObject()
          .put("day", d.day().toString())
          .put("open", d.open())
          .put("high", d.high())
          .put("low", d.low())
          .put("close", d.close())
          .put("volume", d.volume());
    }
    try {
      return ProviderJson.MAPPER.writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(byte[] doc) {
    return new String(doc, StandardCharsets.UTF_8);
  }
}
