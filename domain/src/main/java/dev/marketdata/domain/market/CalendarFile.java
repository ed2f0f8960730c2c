package dev.marketdata.domain.market;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a calendar data file ({@code date,kind,name}, {@code #} comments) and rejects anything
 * malformed with a message naming the file and line, so a bad table stops the process at start
 * rather than answering wrongly later.
 */
final class CalendarFile {
  static final String HEADER = "date,kind,name";

  private CalendarFile() {}

  static Map<LocalDate, TradingDay> readResource(
      String resource, LocalDate firstDay, LocalDate lastDay) {
    try (InputStream in = CalendarFile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Trading calendar data file " + resource + " is missing");
      }
      var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return parse(resource, reader.lines().toList(), firstDay, lastDay);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read trading calendar data file " + resource, e);
    }
  }

  static Map<LocalDate, TradingDay> parse(
      String source, List<String> lines, LocalDate firstDay, LocalDate lastDay) {
    Map<LocalDate, TradingDay> days = new TreeMap<>();
    boolean headerSeen = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = source + " line " + (i + 1) + ": ";
      if (!headerSeen) {
        if (!line.equals(HEADER)) {
          throw new IllegalStateException(where + "expected the header \"" + HEADER + "\"");
        }
        headerSeen = true;
        continue;
      }
      TradingDay day = row(where, line, firstDay, lastDay);
      if (days.put(day.date(), day) != null) {
        throw new IllegalStateException(where + "date " + day.date() + " appears twice");
      }
    }
    if (!headerSeen) {
      throw new IllegalStateException(source + ": no \"" + HEADER + "\" header");
    }
    return days;
  }

  private static TradingDay row(String where, String line, LocalDate firstDay, LocalDate lastDay) {
    String[] cells = line.split(",", 3);
    if (cells.length != 3) {
      throw new IllegalStateException(where + "expected date,kind,name but was \"" + line + "\"");
    }
    LocalDate date;
    try {
      date = LocalDate.parse(cells[0].strip());
    } catch (DateTimeParseException e) {
      throw new IllegalStateException(where + "date must be YYYY-MM-DD (was " + cells[0] + ")");
    }
    if (date.isBefore(firstDay) || date.isAfter(lastDay)) {
      throw new IllegalStateException(
          where + "date " + date + " is outside the table's " + firstDay + ".." + lastDay);
    }
    if (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
      throw new IllegalStateException(where + "date " + date + " is a " + date.getDayOfWeek());
    }
    TradingDay.Kind kind =
        switch (cells[1].strip()) {
          case "full-day-closed" -> TradingDay.Kind.FULL_DAY_CLOSED;
          case "early-close" -> TradingDay.Kind.EARLY_CLOSE;
          default ->
              throw new IllegalStateException(
                  where + "kind must be full-day-closed or early-close (was " + cells[1] + ")");
        };
    String name = unquote(cells[2].strip());
    if (name.isEmpty()) {
      throw new IllegalStateException(where + "name is empty");
    }
    return new TradingDay(date, kind, name);
  }

  private static String unquote(String cell) {
    if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
      return cell.substring(1, cell.length() - 1).replace("\"\"", "\"").strip();
    }
    return cell;
  }
}
