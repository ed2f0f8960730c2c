package dev.marketdata.bootstrap.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The boundary and hostile values the fuzzer puts where a schema expects something else: text for
 * query and path parameters, and raw JSON tokens for body fields (raw, because {@code NaN} or
 * {@code 1e999999999} are what a hostile client sends and what a JSON library would never write).
 */
public final class HostileValues {
  private HostileValues() {}

  /** Numbers with huge and tiny exponents, non-finite words, overflow and odd notations. */
  public static final List<String> NUMBERS =
      List.of(
          "1e999999999",
          "-1e999999999",
          "1e-999999999",
          "-1e-999999999",
          "1E+2147483648",
          "NaN",
          "Infinity",
          "-Infinity",
          "+Infinity",
          "0",
          "-0",
          "-1",
          "00",
          "0.5",
          "1.0",
          "86401",
          "2147483648",
          "-2147483649",
          "9223372036854775808",
          "99999999999999999999999999999999999999",
          "4.9e-324",
          "1.7976931348623157e309",
          "0x10",
          "1_000",
          "1,000",
          "١٢٣",
          "1".repeat(5_000),
          "0." + "0".repeat(400) + "1");

  /** Instants far away, before the epoch, malformed, or in another notation. */
  public static final List<String> DATES =
      List.of(
          "+300000-01-01T00:00:00Z",
          "+1000000000-01-01T17:59:59.999999999Z",
          "-999999999-01-01T00:00:00Z",
          "0000-01-01T00:00:00Z",
          "1969-12-31T23:59:59Z",
          "9999-12-31T23:59:59.999999999Z",
          "2024-02-30T10:00:00Z",
          "2024-13-01T00:00:00Z",
          "2024-03-20T25:61:61Z",
          "2024-03-20T10:30:00+99:00",
          "2024-03-20T10:30:00",
          "2024-03-20",
          "31556889864403199",
          "-31556889864403199",
          "1710930600",
          "2024-03-20T10:30:00.1234567891Z",
          "now",
          "2024-03-20T10:30:00Z\u0000");

  /** Text that is empty, huge, full of controls, bidi overrides, injections or path tricks. */
  public static final List<String> STRINGS =
      List.of(
          "",
          " ",
          "\t",
          "\u0000",
          "A\u0001B",
          "\u0007\u0008\u001b[31m",
          "\r\nX-Injected: 1",
          "\u202eLPAA",
          "\u2066AAPL\u2069",
          "\u200bAAPL",
          "\ufeffAAPL",
          "\ud83d\ude00",
          "\ud800",
          "\uffff",
          "Ａ",
          "A".repeat(21),
          "A".repeat(5_000),
          "../../etc/passwd",
          "..%2f..%2f",
          "%2e%2e%2f",
          "%00",
          "%",
          "%zz",
          "%C0%AE%C0%AE/",
          "' OR 1=1 --",
          "AAPL'; DROP TABLE price_points; --",
          "<script>alert(1)</script>",
          "${jndi:ldap://x}",
          "{{7*7}}",
          "\\",
          "\"",
          "null",
          "true",
          "[]");

  /** UUID-shaped and not quite UUID-shaped text. */
  public static final List<String> UUIDS =
      List.of(
          "00000000-0000-0000-0000-000000000000",
          "ffffffff-ffff-ffff-ffff-ffffffffffff",
          "not-a-uuid",
          "{0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b}",
          "0190a6b47f3c7a419d2e5b1c3e4f6a7b",
          "0190A6B4-7F3C-7A41-9D2E-5B1C3E4F6A7B",
          "0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b-00",
          "0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7",
          "0-0-0-0-0",
          "urn:uuid:0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b");

  /**
   * The {@code visit}-th value for a text parameter of the given OpenAPI format (null for plain
   * text): the values that fit the format first, then all the others, so that enough visits of one
   * parameter try every value.
   */
  static String text(SplittableRandom random, int visit, String format, String name) {
    List<String> values = new ArrayList<>();
    if ("cursor".equals(name)) {
      values.addAll(CURSORS);
      values.addAll(List.of(RANDOM_CURSOR, RANDOM_CURSOR, RANDOM_CURSOR, RANDOM_CURSOR));
    }
    if ("date-time".equals(format)) {
      values.addAll(DATES);
    }
    if ("uuid".equals(format)) {
      values.addAll(UUIDS);
    }
    values.addAll(STRINGS);
    values.addAll(NUMBERS);
    if (!"date-time".equals(format)) {
      values.addAll(DATES);
    }
    String value = values.get(visit % values.size());
    return value.equals(RANDOM_CURSOR) ? randomCursor(random) : value;
  }

  /** The {@code visit}-th raw JSON token to stand where a body field belongs. */
  static String json(int visit) {
    List<String> values = new ArrayList<>(NUMBERS);
    values.addAll(STRUCTURES);
    STRINGS.forEach(v -> values.add(quoted(v)));
    DATES.forEach(v -> values.add(quoted(v)));
    NUMBERS.forEach(v -> values.add(quoted(v)));
    UUIDS.forEach(v -> values.add(quoted(v)));
    return values.get(visit % values.size());
  }

  /** JSON values of every other type, and nesting that is deep or wide. */
  public static final List<String> STRUCTURES =
      List.of(
          "null",
          "true",
          "false",
          "[]",
          "{}",
          "[null]",
          "{\"\":null}",
          "[".repeat(64) + "]".repeat(64),
          "{\"a\":".repeat(40) + "1" + "}".repeat(40),
          "[" + "1,".repeat(2_000) + "1]");

  private static final String RANDOM_CURSOR = "<random cursor>";

  /**
   * Well-formed cursors (URL-safe base64 of "epoch second.nanos.uuid") whose fields are out of
   * range, such as the crafted epoch second that once gave a 500, and ones that are not cursors.
   */
  static final List<String> CURSORS =
      List.of(
              "31556889864403199.0.0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b",
              "-31556889864403199.0.0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b",
              "9223372036854775807.999999999.0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b",
              "253402300800.0.0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b",
              "-1.0.0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b",
              "1710930600.1000000000.0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b",
              "1710930600.-1.0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b",
              "1710930600.0.not-a-uuid",
              "1710930600.0.0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b.extra",
              "1710930600.0",
              "1710930600",
              "..",
              "1e9.0.0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b",
              "NaN.0.0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b",
              "\u0000.0.0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b")
          .stream()
          .map(
              plain ->
                  Base64.getUrlEncoder()
                      .withoutPadding()
                      .encodeToString(plain.getBytes(StandardCharsets.UTF_8)))
          .toList();

  /** Random bytes in URL-safe base64, or standard base64 with padding. */
  static String randomCursor(SplittableRandom random) {
    byte[] bytes = new byte[random.nextInt(0, 200)];
    random.nextBytes(bytes);
    return random.nextBoolean()
        ? Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
        : Base64.getEncoder().encodeToString(bytes);
  }

  public static String quoted(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  static <T> T any(SplittableRandom random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /**
   * The fuzzers' seed: {@code -Dfuzz.seed=N} replays N, {@code -Dfuzz.seed=random} draws one (the
   * tests log it), and without the property the fixed default keeps {@code verify} repeatable.
   */
  public static long seed(long defaultSeed) {
    String given = System.getProperty("fuzz.seed");
    if (given == null || given.isBlank()) {
      return defaultSeed;
    }
    return "random".equals(given) ? System.nanoTime() : Long.parseLong(given);
  }
}
