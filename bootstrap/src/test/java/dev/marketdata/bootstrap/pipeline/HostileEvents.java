package dev.marketdata.bootstrap.pipeline;

import static dev.marketdata.bootstrap.reliability.HostileValues.quoted;

import dev.marketdata.bootstrap.reliability.HostileValues;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Hostile {@code price-events} records from a seed: a valid event with one field given a value the
 * event contract refuses (prices with huge or tiny exponents or too many digits, far dates, symbols
 * and providers full of controls, ids that are not ids), events with fields missing, doubled or
 * added, text that is no JSON or no text, deep nesting and long numbers. Each comes with whether it
 * must be dead-lettered: all must, except exact replays of stored events, which may be applied
 * (they change nothing) or refused.
 */
final class HostileEvents {
  // The domain's rules, restated: symbols and provider names are stripped and case-folded first.
  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9.\\-^=:]{1,20}");
  private static final Pattern PROVIDER = Pattern.compile("[a-z][a-z0-9_]{0,31}");
  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final BigDecimal MAX_PRICE = new BigDecimal("1000000000000");

  /** One record to send: its bytes (null for a tombstone), and whether it must be refused. */
  record Hostile(String describe, byte[] value, boolean mustDeadLetter) {}

  private final SplittableRandom random;
  private final List<byte[]> replays;
  private final List<String> kinds = new ArrayList<>();

  HostileEvents(long seed, List<byte[]> storedEvents) {
    this.random = new SplittableRandom(seed);
    this.replays = storedEvents;
    for (String field : List.of("price", "timestamp", "symbol", "source", "raw_response_id")) {
      kinds.add("field:" + field);
      kinds.add("field:" + field);
      kinds.add("missing:" + field);
    }
    kinds.addAll(List.of("structure", "structure", "structure", "replay"));
  }

  /** {@code count} records, kinds in turn, values at random from the seed. */
  List<Hostile> generate(int count) {
    List<Hostile> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String kind = kinds.get(i % kinds.size());
      out.add(build(kind, i / kinds.size()));
    }
    return out;
  }

  private Hostile build(String kind, int visit) {
    if (kind.equals("replay")) {
      return new Hostile("replay", replays.get(random.nextInt(replays.size())), false);
    }
    if (kind.equals("structure")) {
      return structure();
    }
    Map<String, String> event = validEvent();
    String field = kind.substring(kind.indexOf(':') + 1);
    if (kind.startsWith("missing:")) {
      event.remove(field);
      return hostile("missing " + field, json(event));
    }
    String value = refusedValue(field, visit);
    event.put(field, value);
    return hostile(field + "=" + abbreviate(value), json(event));
  }

  /** A value the contract refuses for {@code field}: values that happen to be valid are skipped. */
  private String refusedValue(String field, int visit) {
    List<String> candidates =
        switch (field) {
          case "price" -> refused(prices(), HostileEvents::validPrice);
          case "timestamp" -> refused(quotedAll(HostileValues.DATES), t -> false);
          case "symbol" ->
              refused(
                  quotedAll(HostileValues.STRINGS),
                  t -> matches(SYMBOL, t.strip().toUpperCase(Locale.ROOT)));
          case "source" ->
              refused(
                  quotedAll(HostileValues.STRINGS),
                  t -> matches(PROVIDER, t.strip().toLowerCase(Locale.ROOT)));
          default -> refused(quotedAll(HostileValues.UUIDS), t -> matches(UUID_TEXT, t));
        };
    return candidates.get((visit + random.nextInt(3)) % candidates.size());
  }

  private List<String> prices() {
    List<String> prices = new ArrayList<>(HostileValues.NUMBERS);
    prices.addAll(
        List.of(
            "0.00000000001",
            "1234567890.123456789",
            "1.0000000000000000001",
            "1000000000000.5",
            "-5.25",
            "150.25e1000000",
            "1" + "0".repeat(999),
            "1".repeat(100_000)));
    prices.addAll(quotedAll(List.of("150.25", "NaN")));
    prices.addAll(HostileValues.STRUCTURES);
    return prices;
  }

  private static List<String> refused(List<String> candidates, Predicate<String> valid) {
    return candidates.stream().filter(valid.negate()).toList();
  }

  private static List<String> quotedAll(List<String> values) {
    List<String> out = new ArrayList<>(values);
    out.replaceAll(HostileValues::quoted);
    out.addAll(HostileValues.NUMBERS.subList(0, 5));
    out.addAll(HostileValues.STRUCTURES);
    return out;
  }

  /** The event contract's price rule, written here independently of the code under test. */
  private static boolean validPrice(String token) {
    try {
      BigDecimal price = new BigDecimal(token);
      return price.signum() > 0
          && price.precision() <= 18
          && price.scale() <= 10
          && price.compareTo(MAX_PRICE) <= 0;
    } catch (NumberFormatException | ArithmeticException e) {
      return false;
    }
  }

  private static boolean matches(Pattern pattern, String quotedToken) {
    if (!quotedToken.startsWith("\"")) {
      return false;
    }
    String text = quotedToken.substring(1, quotedToken.length() - 1).strip();
    return pattern.matcher(text).matches();
  }

  private Hostile structure() {
    Map<String, String> event = validEvent();
    String valid = json(event);
    return switch (random.nextInt(14)) {
      case 0 -> hostile("extra field", valid.replace("}", ",\"volume\":100}"));
      case 1 -> hostile("doubled price", valid.replace("}", ",\"price\":151.5}"));
      case 2 -> hostile("truncated", valid.substring(0, random.nextInt(1, valid.length() - 1)));
      case 3 -> hostile("array", "[" + valid + "]");
      case 4 -> hostile("two objects", valid + valid);
      case 5 -> hostile("empty", "");
      case 6 -> new Hostile("tombstone", null, true);
      case 7 -> hostile("nested 5000", "[".repeat(5_000) + "]".repeat(5_000));
      case 8 -> hostile("string", quoted(valid));
      case 9 -> hostile("number", "150.25");
      case 10 -> hostile("single quotes", valid.replace('"', '\''));
      case 11 ->
          new Hostile(
              "not UTF-8",
              new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00, '{', (byte) 0xC3, '('},
              true);
      case 12 ->
          hostile("symbol of 200,000 characters", json(withSymbol(event, "A".repeat(200_000))));
      default -> hostile("control characters", valid.replace("\"AAPL\"", "\"AA\u0000PL\""));
    };
  }

  private static Map<String, String> withSymbol(Map<String, String> event, String symbol) {
    event.put("symbol", quoted(symbol));
    return event;
  }

  /** A valid new event of AAPL (fresh id, quoted a second ago), as raw JSON tokens per field. */
  private Map<String, String> validEvent() {
    Map<String, String> event = new LinkedHashMap<>();
    event.put("symbol", quoted("AAPL"));
    event.put("price", "150." + random.nextInt(10, 99));
    event.put("timestamp", quoted(Instant.now().minusSeconds(1).toString()));
    event.put("source", quoted("finnhub"));
    event.put("raw_response_id", quoted(UUID.randomUUID().toString()));
    return event;
  }

  private static String json(Map<String, String> event) {
    StringBuilder out = new StringBuilder("{");
    event.forEach(
        (k, v) -> out.append(out.length() > 1 ? "," : "").append(quoted(k)).append(':').append(v));
    return out.append('}').toString();
  }

  private static Hostile hostile(String describe, String json) {
    return new Hostile(describe, json.getBytes(StandardCharsets.UTF_8), true);
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }
}
