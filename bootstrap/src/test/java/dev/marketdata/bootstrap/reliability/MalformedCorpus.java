package dev.marketdata.bootstrap.reliability;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A seeded generator of malformed requests across every route. Every probe is wrong on purpose (bad
 * value, bad shape, bad method, bad encoding), so the only right answer is a 4xx problem.
 */
final class MalformedCorpus {
  /** One raw request: the request line's target is sent byte for byte. */
  record Probe(String category, String method, byte[] target, String contentType, byte[] body) {
    String describe() {
      String t = new String(target, StandardCharsets.ISO_8859_1);
      String b = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      return category
          + " "
          + method
          + " "
          + (t.length() > 120 ? t.substring(0, 120) + "…" : t)
          + (b.isEmpty() ? "" : " body " + (b.length() > 160 ? b.substring(0, 160) + "…" : b));
    }
  }

  static final List<String> BAD_SYMBOLS =
      List.of(
          "",
          " ",
          "' OR 1=1 --",
          "AAPL'; DROP TABLE price_points; --",
          "\u0000",
          "A\u0001B",
          "\r\nX-Injected: 1",
          "\u202eLPAA",
          "😀",
          "\uFFFD",
          "A".repeat(21),
          "A".repeat(3000),
          "../../etc/passwd",
          "<script>alert(1)</script>",
          "${jndi:ldap://x}",
          "AA PL",
          "ÄPFEL",
          "AAPL\u00a0",
          "\u0410\u0410PL");
  // A blank ?provider= is documented as "the default provider", so it is not in this list.
  static final List<String> BAD_PROVIDERS =
      List.of("nasdaq", "simulated'--", "bloomberg", "\u0000", "sim ulated", "yahoo!", "FINNHUB2");
  static final List<String> BAD_INTERVALS =
      List.of(
          "0",
          "-1",
          "-2147483648",
          "2147483648",
          "9223372036854775808",
          "1e30",
          "1.5",
          "\"60\"",
          "null",
          "true",
          "[60]",
          "{}",
          "-0.0");
  static final List<String> BAD_NUMBERS =
      List.of("0", "-5", "abc", "1.5", "", "99999999999999999999", "1e9", "NaN", "%00");

  private final Random random;

  MalformedCorpus(long seed) {
    this.random = new Random(seed);
  }

  List<Probe> generate(int count) {
    List<Probe> probes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      probes.add(next(i % 12));
    }
    return probes;
  }

  private Probe next(int category) {
    return switch (category) {
      case 0 -> get("latest-bad-symbol", "/prices/latest?symbol=" + enc(badSymbol()) + provider());
      case 1 ->
          get("latest-bad-provider", "/prices/latest?symbol=AAPL&provider=" + enc(badProvider()));
      case 2 -> get("latest-repeated-or-missing", repeatedOrMissing());
      case 3 -> json("poll-bad-body", "POST", "/prices/poll", pollBody());
      case 4 -> transport();
      case 5 -> get("job-bad-id", "/prices/poll/" + badJobId());
      case 6 ->
          new Probe("job-delete-bad-id", "DELETE", ascii("/prices/poll/" + badJobId()), null, null);
      case 7 -> json("stop-bad-body", "POST", "/prices/stop", stopBody());
      case 8 -> get("average-bad-params", averageQuery());
      case 9 -> get("history-bad-params", historyQuery());
      case 10 -> wrongMethod();
      default -> badTarget();
    };
  }

  private String badSymbol() {
    return pick(BAD_SYMBOLS);
  }

  private String badProvider() {
    return pick(BAD_PROVIDERS);
  }

  private String provider() {
    return random.nextBoolean() ? "" : "&provider=" + pick(List.of("simulated", "finnhub"));
  }

  private String repeatedOrMissing() {
    return switch (random.nextInt(5)) {
      case 0 -> "/prices/latest?symbol=AAPL&symbol=MSFT";
      case 1 -> "/prices/latest?symbol=AAPL&provider=simulated&provider=finnhub";
      case 2 -> "/prices/latest";
      case 3 -> "/prices/latest?provider=simulated";
      default -> "/prices/latest?symbol=" + "&symbol=".repeat(1 + random.nextInt(50));
    };
  }

  private String pollBody() {
    String symbols = "[\"AAPL\"]";
    String interval = "60";
    String provider = "\"simulated\"";
    String extra = "";
    switch (random.nextInt(9)) {
      case 0 ->
          symbols = pick(List.of("\"AAPL\"", "42", "{}", "null", "[]", "[[\"AAPL\"]]", "[1,2]"));
      case 1 -> symbols = "[" + quote(badSymbol()) + "]";
      case 2 -> interval = pick(BAD_INTERVALS);
      case 3 -> provider = quote(badProvider());
      // "provider": null is the optional field left out (the default provider), so not here.
      case 4 -> provider = pick(List.of("1", "[]", "{}", "true", "1.5"));
      case 5 -> extra = ",\"" + pick(List.of("callback", "interval_ms", "SYMBOLS", "id")) + "\":1";
      // Repeated symbols are merged (a valid request), so one bad symbol hides among good ones.
      case 6 ->
          symbols = "[" + "\"AAPL\",".repeat(1 + random.nextInt(20)) + quote(badSymbol()) + "]";
      case 7 -> {
        return pick(
            List.of(
                "{\"symbols\":[\"AAPL\"],\"provider\":\"simulated\"}",
                "{\"interval\":60,\"provider\":\"simulated\"}",
                "{}",
                "[]",
                "null",
                "42",
                "\"text\"",
                "{\"symbols\":[\"AAPL\"],\"interval\":60,\"provider\":\"simulated\"",
                "{\"symbols\":[\"AAPL\"],\"interval\":60}}",
                "{'symbols':['AAPL'],'interval':60}",
                "{\"symbols\":[\"AAPL\"],\"interval\":60,\"interval\":61,\"provider\":\"simulated\"}"));
      }
      default -> interval = Long.toString(-(1 + (random.nextLong() & Long.MAX_VALUE) % 1000));
    }
    return "{\"symbols\":"
        + symbols
        + ",\"interval\":"
        + interval
        + ",\"provider\":"
        + provider
        + extra
        + "}";
  }

  private Probe transport() {
    String valid = "{\"symbols\":[\"AAPL\"],\"interval\":60,\"provider\":\"simulated\"}";
    return switch (random.nextInt(6)) {
      case 0 -> {
        // Past the 64 KiB limit.
        int size = 70_000 + random.nextInt(200_000);
        String body = "{\"symbols\":[\"" + "A".repeat(size) + "\"],\"interval\":60}";
        yield new Probe(
            "poll-huge-body", "POST", ascii("/prices/poll"), "application/json", utf8(body));
      }
      case 1 -> {
        int depth = 2_000 + random.nextInt(20_000);
        String body = "{\"symbols\":" + "[".repeat(depth) + "]".repeat(depth) + ",\"interval\":60}";
        yield new Probe(
            "poll-deep-nesting", "POST", ascii("/prices/poll"), "application/json", utf8(body));
      }
      case 2 -> {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(utf8("{\"symbols\":[\"AA"));
        byte[][] invalid = {
          {(byte) 0xC3, 0x28},
          {(byte) 0xFF},
          {(byte) 0xE2, (byte) 0x82},
          {(byte) 0xC0, (byte) 0xAF},
          {(byte) 0xED, (byte) 0xA0, (byte) 0x80}
        };
        b.writeBytes(invalid[random.nextInt(invalid.length)]);
        b.writeBytes(utf8("\"],\"interval\":60,\"provider\":\"simulated\"}"));
        yield new Probe(
            "poll-invalid-utf8",
            "POST",
            ascii("/prices/poll"),
            "application/json",
            b.toByteArray());
      }
      case 3 ->
          new Probe(
              "poll-wrong-content-type",
              "POST",
              ascii(pick(List.of("/prices/poll", "/prices/stop"))),
              pick(
                  List.of(
                      "text/plain",
                      "application/xml",
                      "multipart/form-data; boundary=x",
                      "application/x-www-form-urlencoded",
                      "")),
              utf8(valid));
      case 4 ->
          new Probe(
              "poll-empty-body", "POST", ascii("/prices/poll"), "application/json", new byte[0]);
      default -> {
        byte[] body = utf8(valid);
        byte[] truncated = java.util.Arrays.copyOf(body, 1 + random.nextInt(body.length - 2));
        yield new Probe(
            "poll-truncated", "POST", ascii("/prices/poll"), "application/json", truncated);
      }
    };
  }

  private String badJobId() {
    return switch (random.nextInt(7)) {
      case 0 -> "not-a-uuid";
      case 1 -> Long.toString(random.nextLong());
      case 2 -> "%20" + enc(badSymbol()); // never empty: /prices/poll/ is the list itself
      case 3 -> "x".repeat(100 + random.nextInt(900));
      case 4 -> UUID.randomUUID().toString().replace('-', 'g');
      case 5 -> UUID.randomUUID() + "%00";
      default -> UUID.randomUUID().toString(); // well-formed but unknown: 404
    };
  }

  private String stopBody() {
    return pick(
        List.of(
            "{}",
            "{\"job_id\":5}",
            "{\"job_id\":\"x\"}",
            "{\"job_id\":null}",
            "{\"job_id\":[\"" + UUID.randomUUID() + "\"]}",
            "{\"job_id\":\"" + UUID.randomUUID() + "\"}",
            "{\"job_id\":\"" + UUID.randomUUID() + "\",\"force\":true}",
            "[]",
            "nope"));
  }

  private String averageQuery() {
    String symbol = "AAPL";
    String provider = "simulated";
    String window = "5";
    switch (random.nextInt(4)) {
      case 0 -> symbol = enc(badSymbol());
      case 1 -> provider = enc(badProvider());
      case 2 -> window = enc(pick(BAD_NUMBERS));
      default -> {
        return "/prices/moving-average?symbol=AAPL&window=5&window=" + enc(pick(BAD_NUMBERS));
      }
    }
    return "/prices/moving-average?symbol="
        + symbol
        + "&provider="
        + provider
        + "&window="
        + window;
  }

  private String historyQuery() {
    String base = "/prices/history?symbol=AAPL&provider=simulated";
    return switch (random.nextInt(6)) {
      case 0 -> base + "&limit=" + enc(pick(BAD_NUMBERS));
      case 1 ->
          base
              + "&from="
              + enc(pick(List.of("yesterday", "2024-13-01T00:00:00Z", "1e9", "", "2024-03-20")));
      case 2 -> base + "&from=2024-03-21T00:00:00Z&to=2024-03-20T00:00:00Z";
      case 3 ->
          base + "&cursor=" + enc(pick(List.of("garbage", "%%%", "eyJ4IjoxfQ", "A".repeat(2000))));
      case 4 -> "/prices/history?symbol=" + enc(badSymbol());
      default -> base + "&limit=10&limit=20";
    };
  }

  private Probe wrongMethod() {
    String[][] wrong = {
      {"PUT", "/prices/latest?symbol=AAPL"},
      {"PATCH", "/prices/latest?symbol=AAPL"},
      {"DELETE", "/prices/latest?symbol=AAPL"},
      {"POST", "/prices/latest?symbol=AAPL"},
      {"PUT", "/prices/poll"},
      {"PATCH", "/prices/poll/" + UUID.randomUUID()},
      {"POST", "/prices/poll/" + UUID.randomUUID()},
      {"GET", "/prices/stop"},
      {"PUT", "/prices/stop"},
      {"POST", "/health/live"},
      {"DELETE", "/health/ready"},
      {"POST", "/metrics"},
      {"PUT", "/providers"},
      {"POST", "/prices/moving-average?symbol=AAPL"},
      {"DELETE", "/prices/history?symbol=AAPL"},
      {"POST", "/openapi.yaml"}
    };
    String[] m = wrong[random.nextInt(wrong.length)];
    boolean withBody = m[0].equals("POST") || m[0].equals("PUT") || m[0].equals("PATCH");
    return new Probe(
        "wrong-method",
        m[0],
        ascii(m[1]),
        withBody ? "application/json" : null,
        withBody ? utf8("{}") : null);
  }

  private Probe badTarget() {
    return switch (random.nextInt(6)) {
      case 0 ->
          get(
              "unknown-path",
              pick(
                  List.of(
                      "/prices/latest/extra",
                      "/PRICES/LATEST",
                      "/prices/latestx",
                      "/price",
                      "/prices/poll/a/b")));
      case 1 ->
          get(
              "bad-percent-encoding",
              "/prices/latest?symbol=%ZZ" + pick(List.of("", "&provider=%G1")));
      case 2 ->
          get(
              "invalid-utf8-query",
              "/prices/latest?symbol=" + pick(List.of("%C3%28", "%FF", "%E2%82", "%ED%A0%80")));
      case 3 ->
          new Probe(
              "raw-non-ascii-target",
              "GET",
              concat(ascii("/prices/latest?symbol=A"), new byte[] {(byte) 0xC3, 0x28}),
              null,
              null);
      case 4 ->
          get(
              "traversal",
              pick(
                  List.of(
                      "/prices/..%2F..%2Fetc/passwd",
                      "/%2e%2e/%2e%2e/etc/passwd", "/prices/poll/..%2f..%2fhealth")));
      default -> get("encoded-control", "/prices/latest?symbol=AAPL%0D%0AX-Injected:%201");
    };
  }

  private Probe get(String category, String target) {
    return new Probe(category, "GET", ascii(target), null, null);
  }

  private Probe json(String category, String method, String path, String body) {
    return new Probe(category, method, ascii(path), "application/json", utf8(body));
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
